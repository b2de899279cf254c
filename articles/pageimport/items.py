"""What the reader proposes: items in print order, as the editor sees and fixes them."""

from dataclasses import asdict, dataclass, field

ROLES = ("reporter", "correspondent", "photographer", "writer", "editor")


@dataclass
class Credit:
    name: str
    role: str  # one of ROLES


@dataclass
class PhotoCaption:
    caption: str  # paragraphs separated by "\n"
    credits: list[Credit] = field(default_factory=list)


@dataclass
class PageItem:
    """One story or photo-news item of the page.

    A photo-news item (图片新闻) has no body blocks and one photo; its caption
    is what readers read. ``mended``: what the reader changed from the
    printed text; ``unsure``: what the editor should check.
    """

    kicker: str = ""
    headline: str = ""
    subheadline: str = ""
    dateline: str = ""
    credits: list[Credit] = field(default_factory=list)
    blocks: list[tuple[str, str]] = field(default_factory=list)  # ("p" | "h2", text)
    photos: list[PhotoCaption] = field(default_factory=list)
    mended: list[str] = field(default_factory=list)
    unsure: list[str] = field(default_factory=list)
    #: The column banner printed over the item (【走基层】); not part of the
    #: command's JSON, kept as the article's tag when the import is confirmed.
    column: str = ""

    @property
    def is_photo_news(self) -> bool:
        return not self.blocks and bool(self.photos)

    def to_dict(self) -> dict:
        """The item in the shape ``importpage --json`` prints."""
        data = asdict(self)
        data["blocks"] = [list(block) for block in self.blocks]
        del data["column"]
        return data

    def to_state(self) -> dict:
        """Everything, for carrying the item between preview rounds."""
        return {**self.to_dict(), "column": self.column}

    @classmethod
    def from_dict(cls, data: dict) -> "PageItem":
        return cls(
            kicker=str(data.get("kicker", "")),
            headline=str(data.get("headline", "")),
            subheadline=str(data.get("subheadline", "")),
            dateline=str(data.get("dateline", "")),
            credits=[Credit(str(c["name"]), str(c["role"])) for c in data.get("credits", [])],
            blocks=[(str(tag), str(text)) for tag, text in data.get("blocks", [])],
            photos=[
                PhotoCaption(
                    str(p.get("caption", "")),
                    [Credit(str(c["name"]), str(c["role"])) for c in p.get("credits", [])],
                )
                for p in data.get("photos", [])
            ],
            mended=[str(m) for m in data.get("mended", [])],
            unsure=[str(u) for u in data.get("unsure", [])],
            column=str(data.get("column", "")),
        )
