"""The method card deck (pack 3): geometry.py places cards, cut marks and backs in millimetres
(pure functions); content.py is what a card says; fitting.py makes it fit without clipping;
face.py draws one card face; deck.py builds and writes the PDF; selection.py picks the cards."""
