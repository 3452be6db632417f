"""The review's outputs: tables, APA citations, record and table exports, the whole report."""
