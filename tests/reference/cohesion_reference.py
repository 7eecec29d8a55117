"""Reference numbers for the alliance-portfolio similarity measures (S, Cohen's kappa, Scott's pi).

Each entry says where it came from. Portfolios are lists of S&R alliance
levels (0 none, 1 entente, 2 neutrality/non-aggression, 3 defence) unless said
otherwise. Tolerances are set in the tests (``TOL``).

Sources
-------
SR1999_TABLE5
    Signorino, C. S. & J. M. Ritter. 1999. "Tau-b or Not Tau-b: Measuring the
    Similarity of Foreign Policy Positions." *International Studies Quarterly*
    43(1): 115-144, Table 5, panels (a)-(h): pairs of hypothetical portfolios
    and their S (max distance 3, unweighted). The portfolios and published
    values as transcribed in the unit tests of the R package ``strat``
    maintained by Signorino's group (repository jrnold/r-strat,
    ``inst/unitTests/runit.SScore.R``, ``test.SScore.table5``).
SR_RSTRAT_EX1
    Same R package, ``test.SScore.ex1``: S with per-dimension weights and
    maximum distances (two issue areas: alliances with max distance 3, and a
    second area with max distance 2), expected 0.475. Checked by hand:
    sum |d| w / m = (0.5 + 0.4 + 0.15 + 0.15)/3 + 0.25/2 = 0.525, sum w = 2,
    S = 1 - 2 * 0.525 / 2 = 0.475.
SR_GAUSS_EX1
    Signorino's GAUSS procedure ``S.g`` (rochester.edu/College/PSC/signorino/
    research/S.g), Example 1: A_i = (3,3,2,2), A_j = (2,2,3,3), system shares
    W = (.5,.3,.1,.1), max distance 3. The page gives no output; worked by
    hand: every dimension is one level of three apart, so S = 1 - 2/3 = 1/3
    whatever the weights.
SR1999_TABLE6
    Germany-Russia 1914 (S&R 1999, Table 6): published unweighted S = 0.40 and
    capability-weighted S = -0.45 (the strat tests note -0.46 from rounded
    capability shares). The 20-state portfolios are not reproduced here (the
    table's data are only in an R data file we could not read), so these two
    values are recorded for the record and not tested.
HAGE_KAPPA_HAND
    Kappa and pi worked by hand with Häge's (2011, *Political Analysis*
    19(3): 287-305) definitions: kappa = 1 - D_o / D_e with squared distances
    normalised by the range, D_e from each state's own distribution (Cohen),
    pi from the pooled one (Scott). Häge's dataset reports kappa for real
    dyads, but no published dyad value with its input portfolios was found in
    ~30 look-ups, so the chance-corrected measures are checked against hand
    work and the textbook Cohen example below.
COHEN_TEXTBOOK
    The standard two-rater worked example of Cohen's (1960) kappa (e.g.
    Wikipedia, "Cohen's kappa", Example): 50 items, yes/yes 20, yes/no 5,
    no/yes 10, no/no 15: p_o = 0.70, p_e = 0.50, kappa = 0.40. With two
    categories the squared and absolute distances coincide with Cohen's
    unweighted kappa.
"""

from __future__ import annotations

#: S&R 1999, Table 5 (a)-(h): (portfolio i, portfolio j, published S).
SR1999_TABLE5: dict[str, tuple[list[int], list[int], float]] = {
    "a": ([0, 1, 2, 3], [3, 2, 1, 0], -1 / 3),
    "b": ([1, 2, 2, 3], [3, 2, 2, 1], 1 / 3),
    "c": ([2, 2, 3, 3], [3, 3, 2, 2], 1 / 3),
    "d": ([3, 3, 3, 3], [3, 3, 3, 3], 1.0),
    "e": ([0] * 10 + [0, 3], [0] * 10 + [3, 0], 2 / 3),
    "f": ([0] + [1] * 10 + [3], [3] + [1] * 10 + [0], 2 / 3),
    "g": ([0] + [2] * 10 + [3], [3] + [2] * 10 + [0], 2 / 3),
    "h": ([0, 3] + [3] * 10, [3, 0] + [3] * 10, 2 / 3),
}

#: strat ``test.SScore.ex1``: x, y, weights, max distances, expected S.
SR_RSTRAT_EX1 = (
    [3, 2, 3, 0, 3, 3, 1, 2],
    [2, 3, 0, 3, 3, 3, 1, 3],
    [0.5, 0.4, 0.05, 0.05, 0.25, 0.25, 0.25, 0.25],
    [3, 3, 3, 3, 2, 2, 2, 2],
    0.475,
)

#: Signorino's GAUSS ``S.g`` Example 1: x, y, weights, max distance, S by hand.
SR_GAUSS_EX1 = ([3, 3, 2, 2], [2, 2, 3, 3], [0.5, 0.3, 0.1, 0.1], 3, 1 / 3)

#: S&R 1999 Table 6 published values (not tested: portfolios not at hand).
SR1999_TABLE6 = {"unweighted": 0.40, "weighted": -0.45}

#: Hand-worked kappa / pi (squared distances, levels 0..3 unless given).
#: name -> (x, y, levels, kappa, pi). Workings:
#:  * "table5e": 10 cells (0,0), one (0,3), one (3,0), of 12; D_o = 2/12; p_x = p_y =
#:    (11/12, 0, 0, 1/12); D_e = 2 * 11/144 = 22/144; kappa = pi = 1 - (2/12)/(22/144) = -1/11.
#:  * "table5a": one of each level each side, reversed; D_o = (1 + 1/9 + 1/9 + 1)/4 = 5/9;
#:    uniform marginals: D_e = sum_{a,b} (1/16) ((a-b)/3)^2 = (1/16)(40/9) = 5/18; kappa = 1 - 2 = -1.
#:  * "partial": x = (3,3,0,0,0,0), y = (3,0,0,0,0,0): D_o = 1/6; p_x = (4/6,0,0,2/6),
#:    p_y = (5/6,0,0,1/6); D_e = 4/6*1/6 + 2/6*5/6 = 14/36; kappa = 1 - (1/6)/(14/36) = 4/7;
#:    pooled p = (9/12, 0, 0, 3/12): D_e = 2*9/12*3/12 = 54/144; pi = 1 - (24/144)/(54/144) = 5/9.
#:  * "identical": x = y = (0, 1, 3, 3): D_o = 0, kappa = pi = 1.
HAGE_KAPPA_HAND: dict[str, tuple[list[int], list[int], tuple[int, ...], float, float]] = {
    "table5e": ([0] * 10 + [0, 3], [0] * 10 + [3, 0], (0, 1, 2, 3), -1 / 11, -1 / 11),
    "table5a": ([0, 1, 2, 3], [3, 2, 1, 0], (0, 1, 2, 3), -1.0, -1.0),
    "partial": ([3, 3, 0, 0, 0, 0], [3, 0, 0, 0, 0, 0], (0, 1, 2, 3), 4 / 7, 5 / 9),
    "identical": ([0, 1, 3, 3], [0, 1, 3, 3], (0, 1, 2, 3), 1.0, 1.0),
}

#: Cohen (1960) textbook example as two binary vectors: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no.
COHEN_TEXTBOOK = ([1] * 20 + [1] * 5 + [0] * 10 + [0] * 15, [1] * 20 + [0] * 5 + [1] * 10 + [0] * 15, 0.40)
