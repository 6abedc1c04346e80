//! Read and starred marks, kept per publication key in a state file. TODO.
