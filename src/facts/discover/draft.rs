//! Ledger drafts.
