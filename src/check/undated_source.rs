//! (being written)
use super::{CheckInput, Finding};
/// Run the check.
pub fn check(_input: &CheckInput<'_>) -> Vec<Finding> {
    Vec::new()
}
