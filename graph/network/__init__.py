"""The actor network: reading the graph, building NetworkX, coalition analysis.

- :mod:`.read`: what the merged graph of a store says about events, actors and evidence;
- :mod:`.filters`: which events make the network (period, weapons, sources, confidence);
- :mod:`.build`: the :class:`networkx.MultiDiGraph` of actors (:func:`actor_network`), with
  :mod:`.joint_statements` (a joint statement as one node, for drawing);
- :mod:`.coalition_detection`: signed weights and the camps they make (:func:`coalitions`);
  :mod:`.coalition_names` names and colours the camps, :mod:`.coalition_graph` stores them;
- :mod:`.projections`: one-relation graphs for other tools.

The HTML map and the static figure that draw this network are :mod:`armskg.graph.render`.
"""

from __future__ import annotations

from .build import MAX_EVIDENCE, STANCES, actor_network, network_period
from .coalition_detection import (
    APPROVING_STANCES,
    HOSTILE_STANCES,
    RELATION_WEIGHTS,
    coalition_assignment,
    coalitions,
    edge_weight,
    signed_graph,
)
from .coalition_graph import COALITIONS_GRAPH, coalition_iri, coalition_rows, read_coalitions, write_coalitions
from .coalition_names import PALETTE, Coalition, Tie, coalition_colour, leader_score, name_coalitions, signed_ties
from .filters import FilterError, NetworkFilter
from .joint_statements import (
    JOINT_KEY,
    SIGNS,
    STANCE_NOUNS,
    JointStatements,
    drawn_network,
    joint_statements,
    node_label,
)
from .projections import PROJECTIONS, cosignature_graph, hostility_graph, supply_graph
from .read import KINDS, PERPETRATOR_ROLES, EventFacts, event_confidences, read_event_facts

__all__ = [
    "APPROVING_STANCES",
    "COALITIONS_GRAPH",
    "HOSTILE_STANCES",
    "JOINT_KEY",
    "KINDS",
    "MAX_EVIDENCE",
    "PALETTE",
    "PERPETRATOR_ROLES",
    "PROJECTIONS",
    "RELATION_WEIGHTS",
    "SIGNS",
    "STANCES",
    "STANCE_NOUNS",
    "Coalition",
    "EventFacts",
    "FilterError",
    "JointStatements",
    "NetworkFilter",
    "Tie",
    "actor_network",
    "coalition_assignment",
    "coalition_colour",
    "coalition_iri",
    "coalition_rows",
    "coalitions",
    "cosignature_graph",
    "drawn_network",
    "edge_weight",
    "event_confidences",
    "hostility_graph",
    "joint_statements",
    "leader_score",
    "name_coalitions",
    "network_period",
    "node_label",
    "read_coalitions",
    "read_event_facts",
    "signed_graph",
    "signed_ties",
    "supply_graph",
    "write_coalitions",
]
