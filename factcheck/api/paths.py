"""Where the API lives: a leaf module, so that every API module can import it without a circle."""

API_PREFIX = "/api/v1"
