"""Question banks: loading, checking and caching them, and searching them."""
