"""The harmonised question bank: versioned questions shared by every instrument, and species."""
