//! The end-to-end tests, in one test binary so that Typst is linked once: the real binary run
//! on fixture projects, and the library's documents read as a reader gets them.

mod check;
mod commands;
mod common;
mod content;
mod hostile;
mod matrix;
mod memory;
mod print;
mod rebuild;
mod serve;
mod site;
