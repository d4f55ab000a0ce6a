"""Who may use the bot: members, roles and one-time invites."""
