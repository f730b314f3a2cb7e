#!/usr/bin/env python3
"""My own labeller from LOCKS.md (not strategist's rules). Prints file\tlabel\treasons (label unsafe/safe/review)."""
import re, sys, os, json

def split(sql):
    out=[];cur=[];i=0;n=len(sql)
    while i<n:
        c=sql[i]
        if sql.startswith('--',i):
            j=sql.find('\n',i); j=n if j<0 else j; cur.append(' '); i=j; continue
        if sql.startswith('/*',i):
            j=sql.find('*/',i+2); j=n if j<0 else j+2; cur.append(' '); i=j; continue
        if c in "'\"`":
            j=i+1
            while j<n:
                if sql[j]=='\\' and c!='"' : j+=2; continue
                if sql[j]==c:
                    if j+1<n and sql[j+1]==c: j+=2; continue
                    break
                j+=1
            cur.append(sql[i:j+1]); i=j+1; continue
        if c=='$':
            m=re.match(r'\$[A-Za-z_0-9]*\$',sql[i:])
            if m:
                tag=m.group(0); j=sql.find(tag,i+len(tag)); j=n if j<0 else j+len(tag)
                cur.append(' $BODY$ '); i=j; continue
        if c==';':
            s=''.join(cur).strip()
            if s: out.append(s)
            cur=[]; i+=1; continue
        cur.append(c); i+=1
    s=''.join(cur).strip()
    if s: out.append(s)
    return out

def norm(s): return re.sub(r'\s+',' ',s).strip()
def ident(x): return x.strip('"`').lower().split('.')[-1].strip('"`')

def topsplit(s):
    parts=[];d=0;cur=''
    for ch in s:
        if ch=='(':d+=1
        if ch==')':d-=1
        if ch==',' and d==0: parts.append(cur.strip()); cur=''; continue
        cur+=ch
    if cur.strip(): parts.append(cur.strip())
    return parts

VOL=re.compile(r'gen_random_uuid|uuid_generate|clock_timestamp|random\(|nextval',re.I)
def label_file(text, dialect):
    new=set(); reasons=[]; review=[]; fkoff=False; renamed={}
    stmts=[norm(s) for s in split(text)]
    for k,s in enumerate(stmts):
        u=s.upper()
        if re.match(r'SET (SESSION |@@SESSION\.)?FOREIGN_KEY_CHECKS ?= ?0',u): fkoff=True
        m=re.match(r'CREATE (?:UNLOGGED |TEMP(?:ORARY)? )?TABLE (?:IF NOT EXISTS )?([^\s(]+)',s,re.I)
        if m: new.add(ident(m.group(1))); continue
        m=re.match(r'CREATE (UNIQUE )?(FULLTEXT |SPATIAL )?INDEX (CONCURRENTLY )?(?:IF NOT EXISTS )?(?:[^\s(]+ )?ON (?:ONLY )?([^\s(]+)',s,re.I)
        if m:
            t=ident(m.group(4))
            if t in new: continue
            if dialect=='pg' and not m.group(3): reasons.append('create-index '+t)
            if dialect=='my' and m.group(2): reasons.append('fulltext '+t)
            continue
        if re.match(r'DROP INDEX ',u):
            if dialect=='pg' and 'CONCURRENTLY' not in u.split('(')[0]: reasons.append('drop-index')
            # mysql: DROP INDEX x ON t -> online
            continue
        m=re.match(r'(?:ALTER TABLE (?:IF EXISTS )?(?:ONLY )?)([^\s]+) (.*)',s,re.I|re.S)
        if m:
            t=ident(m.group(1))
            if t in new: 
                m2=re.match(r'RENAME TO ([^\s]+)',m.group(2),re.I)
                if m2: new.add(ident(m2.group(1)))
                continue
            for a in topsplit(m.group(2)):
                A=a.upper()
                if re.match(r'(ALGORITHM|LOCK)\s*=',A): 
                    if re.match(r'LOCK\s*=\s*(SHARED|EXCLUSIVE)',A): reasons.append('lock-shared '+t)
                    continue
                if re.match(r'ADD (COLUMN )?(IF NOT EXISTS )?',A) and not re.match(r'ADD (CONSTRAINT|FOREIGN|PRIMARY|UNIQUE|CHECK|INDEX|KEY|FULLTEXT|EXCLUDE|SPATIAL)',A):
                    body=A
                    if 'REFERENCES' in body and dialect=='pg': reasons.append('add-col-fk '+t)
                    if re.search(r'\b(UNIQUE|PRIMARY KEY)\b',body) and dialect=='pg': reasons.append('add-col-unique '+t)
                    if re.search(r'\bCHECK\b',body) and dialect=='pg': reasons.append('add-col-check '+t)
                    if VOL.search(a) or re.search(r'\b(BIG|SMALL)?SERIAL\b',body) or 'GENERATED' in body and ('STORED' in body or 'IDENTITY' in body): reasons.append('add-col-rewrite '+t)
                    if dialect=='my' and 'AUTO_INCREMENT' in body: reasons.append('add-col-autoinc '+t)
                    if re.search(r'NOT NULL',body) and 'DEFAULT' not in body and not re.search(r'SERIAL|AUTO_INCREMENT|GENERATED',body): reasons.append('add-col-notnull-nodefault '+t)
                    continue
                if re.match(r'ADD (CONSTRAINT \S+ )?(FOREIGN KEY)',A):
                    if dialect=='pg' and 'NOT VALID' not in A: reasons.append('add-fk '+t)
                    if dialect=='my' and not fkoff: reasons.append('add-fk '+t)
                    continue
                if re.match(r'ADD (CONSTRAINT \S+ )?CHECK',A):
                    if dialect=='pg' and 'NOT VALID' in A: continue
                    reasons.append('add-check '+t); continue
                if re.match(r'ADD (CONSTRAINT \S+ )?(UNIQUE|PRIMARY KEY)',A):
                    if dialect=='pg' and 'USING INDEX' not in A: reasons.append('add-unique/pk '+t)
                    continue
                if re.match(r'ADD (CONSTRAINT \S+ )?EXCLUDE',A): reasons.append('exclude '+t); continue
                if re.match(r'ADD (FULLTEXT|SPATIAL)',A): reasons.append('fulltext '+t); continue
                if re.match(r'ADD (INDEX|KEY|UNIQUE)',A): continue
                if re.match(r'DROP (COLUMN )?(IF EXISTS )?',A) and not re.match(r'DROP (CONSTRAINT|FOREIGN|INDEX|KEY|PRIMARY|CHECK|DEFAULT)',A):
                    reasons.append('drop-column '+t); continue
                if re.match(r'DROP PRIMARY KEY',A):
                    if dialect=='my' and not re.search(r'ADD PRIMARY KEY',m.group(2).upper()): reasons.append('drop-pk '+t)
                    continue
                if A.startswith('DROP'): continue
                if re.match(r'RENAME (COLUMN )?\S+ TO',A) and not A.startswith('RENAME TO') and not A.startswith('RENAME CONSTRAINT') and not re.match(r'RENAME (INDEX|KEY)',A):
                    reasons.append('rename-column '+t); continue
                if re.match(r'RENAME (TO|AS) ',A) or re.match(r'RENAME \S+$',A):
                    # safe if followed by CREATE VIEW old
                    rest=' '.join(stmts[k+1:]).upper()
                    if re.search(r'CREATE (OR REPLACE )?VIEW "?%s"?\b'%re.escape(t.upper()),rest): continue
                    reasons.append('rename-table '+t); continue
                if re.match(r'ALTER (COLUMN )?\S+ SET NOT NULL',A): reasons.append('set-not-null '+t); continue
                if re.match(r'ALTER (COLUMN )?\S+ (SET DATA )?TYPE',A): review.append('type: '+a); continue
                if re.match(r'(MODIFY|CHANGE)',A): review.append('modify: '+a); continue
                if re.match(r'SET (LOGGED)',A): reasons.append('set-logged '+t); continue
                if re.match(r'(CONVERT TO|(DEFAULT )?CHARACTER SET|CHARSET)',A): review.append('charset: '+a); continue
                continue
            continue
        m=re.match(r'RENAME TABLE (.*)',s,re.I)
        if m:
            rest=' '.join(stmts[k+1:]).upper()
            for p in topsplit(m.group(1)):
                old=ident(p.split()[0])
                if old in new: continue
                reasons.append('rename-table '+old)
            continue
        m=re.match(r'DROP TABLE (?:IF EXISTS )?(.*)',s,re.I)
        if m:
            for p in topsplit(m.group(1).replace(' CASCADE','').replace(' cascade','')):
                tt=ident(p.split()[0])
                if tt not in new: reasons.append('drop-table '+tt)
            continue
        m=re.match(r'(UPDATE|DELETE FROM) (?:ONLY )?([^\s]+)',s,re.I)
        if m:
            t=ident(m.group(2))
            if t in new: continue
            if ' WHERE ' not in u: reasons.append('dml-no-where '+t)
            else: review.append('dml-where: '+s[:160])
            continue
        if re.match(r'TRUNCATE',u): reasons.append('truncate'); continue
        if re.match(r'REINDEX',u) and 'CONCURRENTLY' not in u: reasons.append('reindex'); continue
        if re.match(r'LOCK TABLE',u): reasons.append('lock-table'); continue
        if re.match(r'(VACUUM FULL|CLUSTER)',u): reasons.append('vacuum-full/cluster'); continue
    return reasons, review

if __name__=='__main__':
    d=sys.argv[1]; dialect=sys.argv[2]
    for f in sorted(os.listdir(d)):
        if not f.endswith('.sql'): continue
        r,v=label_file(open(os.path.join(d,f),errors='replace').read(),dialect)
        lab='unsafe' if r else ('review' if v else 'safe')
        print(f"{f}\t{lab}\t{json.dumps(r)}\t{json.dumps(v)}")
