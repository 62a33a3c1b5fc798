//! Helpers shared by benchmarks.

pub mod corpus;
