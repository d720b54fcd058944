"""Parts of the Records area kept in modules of their own (the version viewer and comparison)."""
