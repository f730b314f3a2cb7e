#!/usr/bin/env python3
"""Scores strategist lint (and squawk, style rules off) against my labels: label.py output in $OUT/<folder>.mine.tsv,
with labels-by-hand.tsv overriding it. usage: OUT=/tmp/lr_out score.py FOLDER [JSON_NAME] [-q]"""
import json,sys,os,collections
OUT = os.environ.get('OUT', '/tmp/lr_out')
STYLE={'prefer-robust-stmts','prefer-bigint-over-int','prefer-bigint-over-smallint','prefer-identity','prefer-timestamp-tz','prefer-text-field','ban-char-field','require-lock-timeout','require-statement-timeout','identifier-too-long','require-enum-value-ordering','prefer-big-int','prefer-timestamptz'}
def load_labels(n):
    lab={}
    for line in open(f'{OUT}/{n}.mine.tsv'):
        f,l,r,v=line.rstrip('\n').split('\t'); lab[f]=[l,r,v]
    man=os.path.join(os.path.dirname(os.path.abspath(__file__)), 'labels-by-hand.tsv')
    if os.path.exists(man):
        for line in open(man):
            if not line.strip() or line.startswith('#'): continue
            p=line.rstrip('\n').split('\t')
            if p[0]==n and p[1] in lab: lab[p[1]][0]=p[2]
    return lab
def main(n, out=None, verbose=True):
    lab=load_labels(n)
    d=json.load(open(f'{OUT}/{out or n}.json'))
    ours=collections.defaultdict(set)
    for x in d:
        if x['severity']=='error': ours[os.path.basename(x['file'])].add(x['rule'])
    sq=None
    if os.path.exists(f'{OUT}/{n}.squawk.json'):
        sq=collections.defaultdict(set)
        for x in json.load(open(f'{OUT}/{n}.squawk.json')):
            if x['rule_name'] not in STYLE: sq[os.path.basename(x['file'])].add(x['rule_name'])
    judged=[f for f in lab if lab[f][0] in ('safe','unsafe')]
    def acc(flag):
        ok=sum((f in flag)==(lab[f][0]=='unsafe') for f in judged); return ok
    unsafe=sum(lab[f][0]=='unsafe' for f in judged)
    print(f"{n}: files {len(lab)}, labelled {len(judged)} ({unsafe} unsafe), unlabelled {len(lab)-len(judged)}; strategist {acc(ours)}/{len(judged)} = {acc(ours)/len(judged):.3f}" + (f"; squawk {acc(sq)}/{len(judged)} = {acc(sq)/len(judged):.3f}" if sq is not None else ''))
    if verbose:
        for f in sorted(judged):
            if (f in ours)!=(lab[f][0]=='unsafe'):
                print(f"  DIS {f}: mine={lab[f][0]} {lab[f][1]} strategist={sorted(ours.get(f,[]))}")
        for f in sorted(lab):
            if lab[f][0]=='review': print(f"  REV {f}: strategist={sorted(ours.get(f,[]))} {lab[f][2][:300]}")
if __name__=='__main__':
    args=[a for a in sys.argv[1:] if a!='-q']
    main(args[0], args[1] if len(args)>1 else None, '-q' not in sys.argv)
