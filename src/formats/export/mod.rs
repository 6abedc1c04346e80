//! Writing publications out: BibTeX, RIS, CSV, JSON, and one-line citations. TODO.
