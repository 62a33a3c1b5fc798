//! Exchange-rate tables, lookups and conversion (see issue 3).
