"""Services: load from the database, call the domain, persist. Views, tasks and CLI call these."""
