//! Application state and the pure `update(state, action)`.
