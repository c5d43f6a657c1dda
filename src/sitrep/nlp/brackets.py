"""Square brackets read as parentheses by the model.

Agency copy and ACLED notes insert editorial matter in square brackets: "on Wednesday [16 September]",
"ambushed [by al Shabaab]". en_core_web_sm saw few square brackets in training and often parses them as
words, which breaks the clause around them ("[" as a noun modifier makes the date the root and the
event verb a participle hanging off it). Round brackets it parses as the asides they are.

The model reads a token through its lexeme's norm, prefix, suffix and shape (its tok2vec layer looks at
nothing else), so giving "[" and "]" the lexical features of "(" and ")" makes the model parse them
alike, while the text is untouched: offsets still point into the article, every span's text is what the
article says, and the date inside the brackets is still read.

Called once on a loaded pipeline's vocab, before anything is parsed (`nlp.pipeline.load_pipeline` is the
place; it changes the model's reading, so a comparison with the stock model must call it on that one too).
"""
from __future__ import annotations

from spacy.vocab import Vocab

PAIRS = (("[", "("), ("]", ")"))


def read_square_brackets_as_parentheses(vocab: Vocab) -> None:
    """Give the square brackets' lexemes the model features of the round ones (idempotent)."""
    for square, round_ in PAIRS:
        lexeme, like = vocab[square], vocab[round_]
        lexeme.norm_ = like.norm_
        lexeme.shape_ = like.shape_
        lexeme.prefix_ = like.prefix_
        lexeme.suffix_ = like.suffix_
