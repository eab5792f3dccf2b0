"""What a letter is, how a letter file is checked, and how it is prepared for rendering."""
