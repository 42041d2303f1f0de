"""Discord-facing layer of the bot: client set-up, cogs and the glue to discord.py."""
