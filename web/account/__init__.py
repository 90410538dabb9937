"""Account pages for every logged-in user: personal API tokens."""
