#!/usr/bin/env python3
"""Score a predicted events table against a hand-made gold table.

    python3 score_events.py PREDICTED.csv GOLD.csv [--min-f1 X] [--min-strict-f1 X] [-v]

Both files are CSV with the columns described in EVENTS_SCHEMA.md beside this
tool's folder. Standard library only.

Matching, one-to-one, greedy by score:
  * same event_type is required;
  * for exercise and arms_transfer, when both rows have a name, the names
    must match (case, spaces and punctuation ignored; one may contain the
    other, so "Mi-35" matches "Mi-35M"; gold may give alternatives
    separated by '|');
  * otherwise the gold evidence sentence must appear in the predicted
    evidence (or share at least 60% of its words with one of its sentences).
A match is *strict* when, in addition, date_start (and date_end, where gold
has one) equal gold at gold's precision exactly (gold may list accepted
readings of date_start separated by '|'), and gold's countries are a
subset of the predicted countries.

Where both tables have a `doc` column, rows match only within the same doc.
Gold rows with optional=1 count when found and cost nothing when missed.
The last line printed is the headline: strict_f1=... f1=...
"""
# Vendored from the project's shared tools so that tests never reach outside the repository.
import argparse
import csv
import re
import sys

NAMED_TYPES = {"exercise", "arms_transfer"}


def norm_text(s):
    s = (s or "").replace("\u2019", "'").replace("\u2018", "'")
    s = s.replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", s).strip().lower()


def norm_name(s):
    return re.sub(r"[^0-9a-z]", "", (s or "").lower())


def words(s):
    return set(re.findall(r"[0-9a-z]+", norm_text(s)))


def split_list(s):
    return {x.strip().lower() for x in re.split(r"[;|]", s or "") if x.strip()}


def norm_date(value, precision=""):
    """ISO date string cut to its precision: YYYY, YYYY-MM or YYYY-MM-DD."""
    value = (value or "").strip()[:10]
    if not value or value.lower() in {"nat", "nan", "none"}:
        return ""
    cut = {"year": 4, "month": 7, "day": 10}.get((precision or "").strip().lower())
    return value[:cut] if cut else value


def names_match(gold, pred):
    """Gold may list alternatives separated by '|' (Druzhba-4|Friendship-2019)."""
    b = norm_name(pred)
    alts = [norm_name(x) for x in (gold or "").split("|") if norm_name(x)]
    if not alts or not b:
        return None  # unknown
    return any(a == b or (min(len(a), len(b)) >= 3 and (a in b or b in a)) for a in alts)


def evidence_match(gold_ev, pred_ev):
    g = norm_text(gold_ev)
    if not g:
        return False
    p = norm_text(pred_ev)
    if g in p:
        return True
    gw = words(g)
    for sent in re.split(r"\s\|\s|(?<=[.!?\"'])\s+", p):
        sw = words(sent)
        if gw and sw and len(gw & sw) / len(gw | sw) >= 0.6:
            return True
    return False


def load(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def candidate(g, p):
    if (g.get("event_type") or "").strip() != (p.get("event_type") or "").strip():
        return None
    if g.get("doc") and p.get("doc") and g["doc"] != p["doc"]:
        return None  # both tables say which article a row belongs to
    nm = names_match(g.get("name"), p.get("name"))
    ev = evidence_match(g.get("evidence"), p.get("evidence"))
    if g["event_type"] in NAMED_TYPES and nm is not None:
        if not nm:
            return None
    elif not ev and not nm:
        return None
    pd_ = norm_date(p.get("date_start"), p.get("date_precision"))
    date_ok = any(gd and (pd_.startswith(gd) or (pd_ and gd.startswith(pd_))) for gd in date_alts(g.get("date_start")))
    return 2 * bool(nm) + bool(ev) + bool(date_ok)


def date_alts(value):
    """Gold dates may list accepted readings separated by '|' ('2020-12-24|' also accepts empty)."""
    return [norm_date(x) for x in (value or "").split("|")] or [""]


def strict_ok(g, p):
    pd_ = norm_date(p.get("date_start"), p.get("date_precision"))
    if pd_ not in date_alts(g.get("date_start")):
        return False
    ge = norm_date(g.get("date_end"))
    if ge and ge != norm_date(p.get("date_end"), p.get("date_end_precision") or p.get("date_precision")):
        # an end date is compared at its own length
        if norm_date(p.get("date_end"))[: len(ge)] != ge:
            return False
    return split_list(g.get("countries")) <= split_list(p.get("countries"))


def field_checks(g, p):
    out = {}
    if any(date_alts(g.get("date_start"))):
        out["date_start"] = norm_date(p.get("date_start"), p.get("date_precision")) in date_alts(g["date_start"])
    if norm_date(g.get("date_end")):
        ge = norm_date(g["date_end"])
        out["date_end"] = norm_date(p.get("date_end"))[: len(ge)] == ge
    if split_list(g.get("countries")):
        out["countries"] = split_list(g["countries"]) <= split_list(p.get("countries"))
    if split_list(g.get("people")):
        pp = " ".join(split_list(p.get("people")))
        out["people"] = all(name.split()[-1] in pp for name in split_list(g["people"]))
    if norm_name(g.get("location")):
        gl, pl = norm_name(g["location"]), norm_name(p.get("location"))
        out["location"] = bool(pl) and (gl in pl or pl in gl)
    if (g.get("quantity") or "").strip():
        try:
            out["quantity"] = float(g["quantity"]) == float(p.get("quantity") or "nan")
        except ValueError:
            out["quantity"] = False
    return out


def score(pred, gold):
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            s = candidate(g, p)
            if s is not None:
                pairs.append((s, gi, pi))
    pairs.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_g, used_p, matches = set(), set(), []
    for s, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        matches.append((gi, pi))
    return matches


def f1(p, r):
    return 2 * p * r / (p + r) if p + r else 0.0


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("predicted")
    ap.add_argument("gold")
    ap.add_argument("--min-f1", type=float, default=None)
    ap.add_argument("--min-strict-f1", type=float, default=None)
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args(argv)
    pred, gold = load(a.predicted), load(a.gold)
    required = [i for i, g in enumerate(gold) if str(g.get("optional", "0")).strip() not in {"1", "true", "True"}]
    matches = score(pred, gold)
    matched_g = {gi for gi, _ in matches}
    strict = [(gi, pi) for gi, pi in matches if strict_ok(gold[gi], pred[pi])]
    strict_g = {gi for gi, _ in strict}

    def prf(mg, n_matches):
        tp_req = len([i for i in required if i in mg])
        prec = n_matches / len(pred) if pred else 0.0
        rec = tp_req / len(required) if required else 1.0
        return prec, rec, f1(prec, rec)

    p, r, f = prf(matched_g, len(matches))
    sp, sr, sf = prf(strict_g, len(strict))
    fields = {}
    for gi, pi in matches:
        for k, ok in field_checks(gold[gi], pred[pi]).items():
            fields.setdefault(k, []).append(ok)
    print(f"predicted rows: {len(pred)}  gold rows: {len(gold)} ({len(required)} required)")
    print(f"matched: {len(matches)}  strict: {len(strict)}")
    print(f"precision={p:.3f} recall={r:.3f} f1={f:.3f}")
    print(f"strict precision={sp:.3f} recall={sr:.3f} f1={sf:.3f}")
    for k, v in sorted(fields.items()):
        print(f"field {k}: {sum(v)}/{len(v)} correct")
    if a.verbose:
        for i, g in enumerate(gold):
            tag = "STRICT" if i in strict_g else ("loose" if i in matched_g else "MISSED")
            opt = " (optional)" if i not in required else ""
            print(f"  gold {tag:6} {g['event_type']:13} {g.get('name') or '-':28} {g.get('date_start') or '-':10}{opt}")
            for gi, pi in matches:
                if gi == i:
                    q = pred[pi]
                    print(f"         pred: {q.get('name') or '-'} {q.get('date_start') or '-'} "
                          f"[{q.get('date_precision') or ''}] end={q.get('date_end') or '-'} "
                          f"countries={q.get('countries') or '-'} qty={q.get('quantity') or '-'}")
        used = {pi for _, pi in matches}
        for pi, q in enumerate(pred):
            if pi not in used:
                print(f"  EXTRA  {q.get('event_type')} {q.get('name') or '-'} {q.get('date_start') or '-'} :: "
                      f"{(q.get('evidence') or '')[:90]}")
    print(f"strict_f1={sf:.3f} f1={f:.3f}")
    ok = True
    if a.min_f1 is not None and f < a.min_f1:
        ok = False
    if a.min_strict_f1 is not None and sf < a.min_strict_f1:
        ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
