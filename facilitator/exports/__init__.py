"""Files that leave the laptop: PDF packs (pdf/) and Excel workbooks (xlsx/). They read
through services, build a document and write it atomically. No Qt here."""
