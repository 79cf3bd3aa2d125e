"""Agreement coefficients with their standard errors and 95% intervals, as Gwet (2014) and irrCAC compute them.

The input is a set of *patterns*: which category each coder gave a unit (shape (P, M), -1 where the coder
gave none), and per set of units (a code, say) how many units show each pattern (shape (C, P)).  Per-code
presence data of M coders have at most 2**M patterns, so every code costs a handful of array operations.
A pattern keeps each coder's value, which Conger's kappa and its variance need; the coefficients of
``qda.analysis.reliability`` need only the value counts.

Notation (Gwet 2014, ch. 2-5; irrCAC's ``*.raw`` functions): n units rated by at least one coder, n2 of
them by two or more; r_ik coders gave unit i category k, r_i = Σ_k r_ik; w_kl the agreement weights (the
identity for nominal data), r*_ik = Σ_l w_kl r_il; π_k = (1/n) Σ_i r_ik / r_i.

* p_a = (1/n2) Σ_{r_i ≥ 2} Σ_k r_ik (r*_ik − 1) / (r_i (r_i − 1))
* Brennan-Prediger: p_e = Σ_kl w_kl / q²;  AC1/AC2: p_e = Σ_kl w_kl / (q (q − 1)) · Σ_k π_k (1 − π_k);
  Fleiss: p_e = Σ_kl w_kl π_k π_l;  Conger: p_e = Σ_kl w_kl (p̄_k p̄_l − s²_kl / M), p_gk the share of coder
  g's units in category k, p̄_k its mean over coders and s²_kl the covariance over coders.
* coefficient κ = (p_a − p_e) / (1 − p_e); variance (1 − f) / (n (n − 1)) Σ_i (κ*_i − κ)², with
  κ*_i = (n / n2) (p_a|i − p_e [r_i ≥ 2]) / (1 − p_e) − 2 (1 − κ) (p_e|i − p_e) / (1 − p_e) (f = 0: no
  finite-population correction); the interval is κ ± t_{0.975, n−1} · se, its upper end at most 1.
  Percent agreement is the case p_e = 0; Brennan-Prediger's p_e does not depend on the data, so it has
  no second term.

References
----------
Conger, A. J. (1980). Integration and generalization of kappas for multiple raters. Psychological
    Bulletin, 88(2), 322-328.
Gwet, K. L. (2014). Handbook of Inter-Rater Reliability (4th ed.). Advanced Analytics.
"""

from __future__ import annotations

import numpy as np
from scipy import stats

PRECISE = ("percent", "kappa", "brennan_prediger", "gwet_ac1")  # the statistics reported with se and interval


def agreement_weights(values: np.ndarray, kind: str) -> np.ndarray:
    """Gwet's (2014, ch. 3) agreement weights between categories with numbers ``values``, shape (q, q).

    ``identity``: 1 on the diagonal; ``linear``: 1 − |x_k − x_l| / (max − min); ``quadratic``:
    1 − (x_k − x_l)² / (max − min)².  With ranks 1..q these are Cohen's (1968) weights.

    >>> agreement_weights(np.array([1.0, 2.0, 3.0]), "linear").tolist()
    [[1.0, 0.5, 0.0], [0.5, 1.0, 0.5], [0.0, 0.5, 1.0]]
    """
    values = np.asarray(values, dtype=float)
    if kind == "identity":
        return np.eye(len(values))
    spread = values.max() - values.min() if len(values) else 0.0
    difference = np.abs(values[:, None] - values[None, :]) / (spread if spread > 0 else 1.0)
    if kind == "linear":
        return 1 - difference
    if kind == "quadratic":
        return 1 - difference ** 2
    raise ValueError(f"weights must be identity, linear or quadratic, not {kind!r}")


def coefficients(patterns: np.ndarray, weights: np.ndarray, q: int, agreement: np.ndarray | None = None,
                 confidence: float = 0.95) -> dict[str, np.ndarray]:
    """Percent agreement, Conger's kappa, Fleiss' kappa, Brennan-Prediger and Gwet's AC1 (AC2 when weighted),
    each with its standard error and interval, for C sets of units.

    Parameters
    ----------
    patterns : ndarray of int, shape (P, M)
        The category (0..q-1) each of M coders gave a unit with this pattern; -1 where none.
    weights : ndarray, shape (C, P) or (P,)
        How many units of each set show each pattern.
    q : int
        Categories a coder could choose.
    agreement : ndarray, shape (q, q), optional
        Agreement weights (default the identity: nominal).
    confidence : float
        Coverage of the intervals.

    Returns
    -------
    dict of ndarray, shape (C,)
        ``<name>``, ``<name>_se``, ``<name>_low``, ``<name>_high`` for name in percent, kappa (Conger;
        Cohen's for two coders), fleiss_kappa, brennan_prediger, gwet_ac1; and ``n`` (units rated by at
        least one coder).  ``nan`` where a figure is undefined (no pairable unit, chance agreement 1);
        standard errors and intervals also need two units or more.
    """
    patterns = np.asarray(patterns, dtype=np.int64)
    weights = np.atleast_2d(np.asarray(weights, dtype=float))
    w = np.eye(q) if agreement is None else np.asarray(agreement, dtype=float)
    n_sets, m = len(weights), patterns.shape[1]
    rated_by = patterns >= 0  # (P, M)
    onehot = (patterns[:, :, None] == np.arange(q)[None, None, :]) & rated_by[:, :, None]  # (P, M, q)
    counts = onehot.sum(axis=1).astype(float)  # r_ik, (P, q)
    rated = counts.sum(axis=1)  # r_i
    keep = rated > 0
    weights = weights * keep
    n = weights.sum(axis=1)  # (C,)
    pairable = rated >= 2
    n2 = weights @ pairable
    with np.errstate(divide="ignore", invalid="ignore"):
        agree_i = (counts * (counts @ w.T - 1)).sum(axis=1)
        pa_i = np.where(pairable, agree_i / np.where(pairable, rated * (rated - 1), 1), 0.0)  # (P,)
        pa = (weights @ pa_i) / n2
        shares = np.where(keep[:, None], counts / np.where(keep, rated, 1)[:, None], 0.0)  # r_ik / r_i
        pi = (weights @ shares) / n[:, None]  # (C, q)
        w_sum = w.sum()

        result: dict[str, np.ndarray] = {"n": n}

        def finish(name, value, pe, pe_i=None):
            """Gwet's linearised variance; pe_i (C, P) the unit-level chance agreement, None when pe is fixed."""
            kappa_i = (n / n2)[:, None] * (pa_i[None, :] - pe[:, None] * pairable[None, :]) / (1 - pe)[:, None]
            if pe_i is not None:
                kappa_i = kappa_i - 2 * (1 - value)[:, None] * (pe_i - pe[:, None]) / (1 - pe)[:, None]
            variance = (weights * (kappa_i - value[:, None]) ** 2).sum(axis=1) / (n * (n - 1))
            se = np.sqrt(variance)
            t = stats.t.ppf(1 - (1 - confidence) / 2, np.maximum(n - 1, 1))
            defined = np.isfinite(value) & (n2 > 0) & ~np.isclose(pe, 1.0, rtol=0, atol=1e-12)
            spread = defined & (n >= 2)  # a variance needs two units; the coefficient itself does not
            result[name] = np.where(defined, value, np.nan)
            result[f"{name}_se"] = np.where(spread, se, np.nan)
            result[f"{name}_low"] = np.where(spread, value - t * se, np.nan)
            result[f"{name}_high"] = np.where(spread, np.minimum(1.0, value + t * se), np.nan)

        zero = np.zeros(n_sets)
        finish("percent", pa, zero)
        pe_bp = np.full(n_sets, w_sum / q ** 2)
        finish("brennan_prediger", (pa - pe_bp) / (1 - pe_bp), pe_bp)
        pe_gwet = w_sum * (pi * (1 - pi)).sum(axis=1) / (q * (q - 1)) if q >= 2 else np.full(n_sets, np.nan)
        pe_gwet_i = w_sum / (q * (q - 1)) * (shares @ (1 - pi).T).T if q >= 2 else np.full((n_sets, len(rated)), np.nan)
        finish("gwet_ac1", (pa - pe_gwet) / (1 - pe_gwet), pe_gwet, pe_gwet_i)
        pe_fleiss = np.einsum("kl,ck,cl->c", w, pi, pi)
        pi_w = (pi @ w.T + pi @ w) / 2  # (C, q)
        finish("fleiss_kappa", (pa - pe_fleiss) / (1 - pe_fleiss), pe_fleiss, (shares @ pi_w.T).T)
        pe_conger, pe_conger_i = _conger_chance(onehot, rated_by, weights, n, w, m)
        finish("kappa", (pa - pe_conger) / (1 - pe_conger), pe_conger, pe_conger_i)
    return result


def _conger_chance(onehot, rated_by, weights, n, w, m):
    """Conger's chance agreement (C,) and its unit-level terms (C, P) (Gwet 2014, section 5.3; irrCAC)."""
    classified = np.einsum("cp,pgk->cgk", weights, onehot.astype(float))  # units coder g put in k, (C, M, q)
    per_coder = classified.sum(axis=2)  # n_g, (C, M)
    p = classified / np.where(per_coder > 0, per_coder, 1)[:, :, None]  # p_gk
    mean = p.mean(axis=1)  # p̄_k, (C, q)
    covariance = (np.einsum("cgk,cgl->ckl", p, p) - m * mean[:, :, None] * mean[:, None, :]) / (m - 1)
    pe = (w[None] * (mean[:, :, None] * mean[:, None, :] - covariance / m)).sum(axis=(1, 2))
    # λ_ig = Σ_k [Σ_l w_kl (δ_igl − (ε_ig − n_g/n) p_gl)] (n / n_g) (Σ_{h≠g} p_hk)
    share_rated = per_coder / n[:, None]  # n_g / n
    delta_w = np.einsum("kl,pgl->pgk", w, onehot.astype(float))  # (P, M, q)
    p_w = np.einsum("kl,cgl->cgk", w, p)  # (C, M, q)
    centred = delta_w[None] - (rated_by[None, :, :, None] - share_rated[:, None, :, None]) * p_w[:, None]  # (C,P,M,q)
    others = m * mean[:, None, :] - p  # Σ_{h≠g} p_hk, (C, M, q)
    scale = n[:, None] / np.where(per_coder > 0, per_coder, 1)  # (C, M)
    lam = np.einsum("cpgk,cgk->cpg", centred, others) * scale[:, None, :]
    return pe, lam.sum(axis=2) / (m * (m - 1))
