"""Russian reading: sentences, morphology, mentions and time expressions."""
