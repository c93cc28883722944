"""Natural-language pieces for the Rasa assistant (the spaCy pipeline its NLU loads)."""
