//! Drawing: pure functions of the app state.
