"""One event per real event across documents.

Extraction reads each document alone: ten articles on one visit give ten *mentions*. This
package decides which mentions, from any documents, denote the same real event, and which
planned event a later one realises. It works on plain data (`EventMention`: a key, a
modality, a date interval, its document), knows nothing of RDF or stores, and is
deterministic: the same mentions give the same events whatever order documents arrived in,
so the merged layer can be rebuilt per event key as documents come and go.

- dates are `kg.dates.DateInterval`s: intervals with a granularity ("before 2004", "that week").
- `clusters`: mentions → events, each decision with a reason and a confidence;
  planned → happened links.
- `scoring`: pairwise precision, recall and F1 of a clustering against a gold one.
"""

from kg.dates import DateInterval
from kg.identity.clusters import EventCluster, EventMention, cluster_mentions, realisations
from kg.identity.scoring import PairScore, pairwise_score

__all__ = [
    "DateInterval",
    "EventMention",
    "EventCluster",
    "cluster_mentions",
    "realisations",
    "PairScore",
    "pairwise_score",
]
