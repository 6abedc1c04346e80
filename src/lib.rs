//! lenaview: a terminal reader for biomedical research literature.
//!
//! Layers, each importing only those before it (`tests/layers.rs` checks this):
//! [`model`] (plain data), [`durable`] (atomic, locked files and where they are kept) and [`parallel`] (a pass
//! over many items on every core)
//! ← [`formats`] (files in and out), [`marks`] (read and starred marks in their state file), [`notes`] (the
//! user's Markdown notes, a file per paper) and [`synthetic`]
//! (generated libraries for trying search at scale)
//! ← [`follow`] (topics that follow PubMed queries, fetched through E-utilities) and [`cache`] (parsed sources
//! kept for the next start) ← [`search`] (fuzzy index) and [`words`] (highlighted word lists)
//! ← [`app`] (state and a pure `update`) ← [`ui`] (drawing from state). The binary (`src/main.rs`) adds
//! the command line, the terminal and the event loop.

pub mod app;
pub mod cache;
pub mod durable;
pub mod follow;
pub mod formats;
pub mod marks;
pub mod model;
pub mod notes;
pub mod parallel;
pub mod search;
pub mod synthetic;
pub mod ui;
pub mod words;
