"""``[review]`` in the config: who may decide proposals, and whether trusted sources skip review."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["ReviewSettings"]


class ReviewSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # Discord: the channel that receives each proposal, and who may press its buttons (a member with
    # one of these roles, or one of these users). Nobody is an editor until one of them is set.
    channel_id: int | None = None
    editor_role_ids: list[int] = Field(default_factory=list)
    editor_user_ids: list[int] = Field(default_factory=list)
    # Off by default: a proposed update from one of ``trusted_publishers`` whose match coverage is at
    # least this is accepted without a person (decided_by "auto-accept").
    auto_accept: float | None = Field(default=None, gt=0, le=1)
    trusted_publishers: list[str] = Field(default_factory=list)

    def is_editor(self, user_id: int, role_ids: list[int] | tuple[int, ...] = ()) -> bool:
        return user_id in self.editor_user_ids or bool(set(role_ids) & set(self.editor_role_ids))
