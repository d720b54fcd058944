"""Passphrases for the conference file hand-off: the rule a passphrase must meet, and a suggestion
that is easy to read out over the phone (words drawn by `secrets` from a small built-in list)."""

from __future__ import annotations

import math
import re
import secrets

MIN_CHARACTERS = 16
MIN_WORDS = 4
MIN_WORD_LETTERS = 3
SUGGESTED_WORDS = 6
RULE = f"at least {MIN_CHARACTERS} characters, or {MIN_WORDS} words of {MIN_WORD_LETTERS} letters or more"
HINT = f"Use {RULE}. Give it to the other person by phone or in person, never with the file."

# 273 short, distinct, everyday words: a suggestion of six of them carries about
# 48 bits of chance (log2 273 ≈ 8.1 bits a word), and age's scrypt makes each guess slow.
_WORD_LIST = """
    acorn actor adult agent album alley amber anchor angle ankle apple apron arch arena armor arrow
    artist aspen atlas attic autumn avocado bacon badge bagel baker bamboo banjo barley barrel basil
    basket beach beacon beaver bedroom beetle bench berry bicycle birch biscuit blanket blossom
    border bottle boulder bracket branch breeze brick bridge brook broom bucket buckle bundle butter
    button cabin cactus camel candle canoe canvas canyon carpet carrot castle cattle cedar cellar
    cement cherry chess chimney circle clover cobalt cocoa comet compass copper coral cotton cousin
    crayon cricket crystal cupboard curtain cushion daisy dancer delta desert diamond dinner dolphin
    donkey dragon drawer dune eagle easel echo elbow ember engine falcon feather fennel ferry fiddle
    finch flannel flute forest fossil fountain fox garden garlic gazelle giant ginger glacier globe
    goose granite grape gravel guitar hammer harbor harvest hazel hedge helmet heron hickory hollow
    honey horizon husky igloo island ivory jacket jasmine jelly jigsaw jungle kernel kettle kitten
    kiwi ladder lagoon lantern laptop lemon lentil lily linen lizard lobster locket lotus lumber
    magnet mango maple marble meadow melon mirror mitten monsoon mosaic muffin mustard napkin nectar
    needle nutmeg oasis ocean olive onion orbit orchid otter oyster paddle pancake panda parrot
    pebble pepper piano pillow pilot pine planet plum pocket pony poppy potato pretzel puffin
    pumpkin puzzle quartz quill rabbit radish raft raven ribbon river robin rocket saddle salmon
    sandal scarf seagull shadow shelter silver sketch sled slipper spade sparrow spider spoon spruce
    squirrel stable stencil summit sunset swan teapot thimble thistle thunder tiger timber toffee
    tomato tractor tulip tunnel turnip valley velvet violin voyage wagon walnut walrus wander willow
    window winter wizard yogurt zebra zipper
"""
WORDS: tuple[str, ...] = tuple(_WORD_LIST.split())


def words_of(passphrase: str) -> list[str]:
    """The words of a passphrase: runs of letters or digits, split at spaces, hyphens and the like."""
    return re.findall(r"[^\W_]+", passphrase)


def passphrase_problem(passphrase: str) -> str | None:
    """Why a passphrase is too weak to protect a conference file, or None when it will do."""
    if len(passphrase.strip()) >= MIN_CHARACTERS:
        return None
    words = [w for w in words_of(passphrase) if len(w) >= MIN_WORD_LETTERS]
    if len(words) >= MIN_WORDS:
        return None
    return f"Too weak to protect the file: use {RULE}."


def suggest_passphrase(words: int = SUGGESTED_WORDS) -> str:
    """Words chosen at random (the operating system's randomness), joined by hyphens."""
    return "-".join(secrets.choice(WORDS) for _ in range(words))


def suggestion_bits(words: int = SUGGESTED_WORDS) -> float:
    """How many bits of chance a suggestion of `words` words carries."""
    return words * math.log2(len(WORDS))
