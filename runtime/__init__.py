"""What the running dondoc is made of, below every package that uses it: its settings and its
services (database, texts, clock). `bot/` builds them; `web/` and the others take them."""
