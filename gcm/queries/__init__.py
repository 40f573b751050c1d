"""Every query the pages run, one module per subject; pages import the load_* functions from here."""
