"""What the dictionary's declared partitions say of a list: which concepts are parts of which (三公经费 of
因公出国费 …, 实有人数 of 在职人员 …), whether two items are siblings, and when a list is complete."""

from __future__ import annotations

from ..document import Fact, Key, SumGroup
from .positional import PositionalReader
from .state import PartConcepts


class PartitionReader(PositionalReader):
    def siblings(self, total: Key, part: Key) -> bool:
        """Both are members of one declared partition, and neither is the other's parent."""
        if not total.known or total.concept == part.concept or part.concept in self.parents_of(total.concept):
            return False
        if total.concept in self.parents_of(part.concept):
            return False
        return any(total.concept in members and part.concept in members for _, members in self.dictionary.partitions)

    def is_parent_of_any(self, concept: str) -> bool:
        """Whether the dictionary declares a partition of `concept` (of a subject's: 县本级@三公经费 as 三公经费)."""
        return bool(self.dictionary.partition_members(concept.rpartition("@")[2]))

    def is_parent(self, candidate: Fact, key: Key) -> bool:
        return candidate.key.concept in self.parents_of(key.concept)

    def parents_of(self, concept: str) -> frozenset[str]:
        """The concepts with a declared partition that has `concept` as a member (computed once each)."""
        known = self._parents.get(concept)
        if known is None:
            entity, at, bare = concept.rpartition("@")
            if at:
                # 县本级@因公出国费: a part of that subject's totals (县本级@三公经费), as the bare item is of the bare totals.
                known = frozenset(f"{entity}@{total}" for total in self.parents_of(bare))
            else:
                known = frozenset(
                    total for totals, members in self.dictionary.partitions if concept in members for total in totals
                )
            self._parents[concept] = known
        return known

    def mark_complete(self, group: SumGroup) -> None:
        """A group is complete when its parts are every member of a partition of its total; while a
        concept repeats among its parts, it keeps what it was."""
        tally = self._part_concepts.get(id(group))
        if tally is None:
            tally = self._part_concepts[id(group)] = PartConcepts(group)
        if tally.take(group.parts):
            group.complete = self.dictionary.partition_of(group.total.key.concept, tally.concepts)
            own = group.total.key.concept + "›"
            if not group.complete and not group.total.key.known and all(c.startswith(own) for c in tally.concepts):
                # 一般财政拨款收入支出x，其中基本支出y，项目支出z: an item the dictionary does not know, broken down by a
                # partition declared for another (基本支出 + 项目支出), is complete. A known total keeps its own
                # partitions (支出总计 also holds 结转, so 基本 + 项目 is only a bound of it).
                members = {c[len(own):] for c in tally.concepts}
                group.complete = any(members == declared for _, declared in self.dictionary.partitions)
