"""The demo data set: `flask demo load` upserts it by natural keys."""
