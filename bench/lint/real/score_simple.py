import json,sys,os,collections
labels={l.split('\t')[0]:l.split('\t')[1] for l in open(sys.argv[1]) if l.strip()}
d=json.load(open(sys.argv[2]))
ours=collections.defaultdict(set)
for x in d:
    if x['severity']=='error': ours[os.path.basename(x['file'])].add(x['rule'])
j=[f for f in labels if labels[f] in('safe','unsafe')]
ok=sum((f in ours)==(labels[f]=='unsafe') for f in j)
print(f"{ok}/{len(j)} = {ok/len(j):.3f}")
for f in j:
    if (f in ours)!=(labels[f]=='unsafe'): print('  DIS',f,labels[f],sorted(ours.get(f,[])))
