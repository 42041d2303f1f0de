"""One extension per feature, loaded by ``NewsBot.setup_hook``."""
