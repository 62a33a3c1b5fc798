//! Figure extraction: text -> mentions, driven by the compiled rule set.
