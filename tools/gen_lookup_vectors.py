#!/usr/bin/env python3
"""Write tests/vectors/ruleset/lookups.tsv: expected rule lookups, each row citing the
section of ../shared/reference/guangdong-rules.md it comes from (values typed from the
reference, not read from data/rules)."""
rows=[]
def r(name,j,date,known,exp,src): rows.append((name,j,date,known,exp,src))
A2="guangdong-rules A2"
cities={'guangzhou':('440100','广州'),'zhaoqing':('441200','肇庆'),'zhanjiang':('440800','湛江')}
# contribution parameters on the four dates
ceil={'2024-06-30':'26421','2024-07-01':'27501','2025-07-01':'27549','2026-09-01':'27549'}
floor={'guangzhou':{'2024-06-30':'5284','2024-07-01':'5500','2025-07-01':'5510','2026-09-01':'5510'},
       'zhaoqing':{'2024-06-30':'!ENOTFOUND','2024-07-01':'4492','2025-07-01':'4775','2026-09-01':'4775'},
       'zhanjiang':{'2024-06-30':'!ENOTFOUND','2024-07-01':'4492','2025-07-01':'4775','2026-09-01':'4775'}}
mw={'guangzhou':{'2024-06-30':'2300','2024-07-01':'2300','2025-07-01':'2500','2026-09-01':'2680'},
    'zhaoqing':{'2024-06-30':'1720','2024-07-01':'1720','2025-07-01':'1850','2026-09-01':'2040'},
    'zhanjiang':{'2024-06-30':'1720','2024-07-01':'1720','2025-07-01':'1850','2026-09-01':'2040'}}
docs={'2024-06-30':'derived from the wage series (L)','2024-07-01':'粤人社发〔2024〕33号 (H)','2025-07-01':'粤人社发〔2025〕32号 §一 (H)','2026-09-01':'粤人社发〔2025〕32号 §一, until next notice (H)'}
mwdocs={'2024-06-30':'C: 2021-12-01 tiers (L)','2024-07-01':'C: 2021-12-01 tiers (L)','2025-07-01':'C: 粤府函〔2025〕23号 (M)','2026-09-01':'C: 粤府函〔2026〕188号 (H)'}
forms=lambda c,i: [c, cities[c][0], cities[c][1]][i%3]
i=0
for c in cities:
    for d in ceil:
        j=forms(c,i); i+=1
        r('pension.contribution_base.ceiling',j,d,'-',ceil[d],A2+': '+docs[d])
        r('pension.contribution_base.floor',j,d,'-',floor[c][d],A2+': '+docs[d]+('; Zhaoqing/Zhanjiang floors before 2024-07 NF' if floor[c][d][0]=='!' else ''))
        r('minimum_wage.monthly',j,d,'-',mw[c][d],mwdocs[d])
        r('pension.rate.employer',j,d,'-','0.14','A1: Guangdong 14 % (L) shadows the national 16 %')
        r('pension.rate.employee',j,d,'-','0.08','A1: 国发〔2005〕38号 (H), from the nation')
        r('unemployment.rate.employee',j,d,'-','0.002','C: Guangzhou 0.2 % (M)')
        r('unemployment.contribution_base.ceiling',j,d,'-',ceil[d],'C 第八条 stand-in: pension ceiling (NF)')
        r('work_injury.contribution_base.ceiling',j,d,'-',ceil[d],'D stand-in: pension ceiling (L)')
        r('work_injury.industry_rate.class_8',j,d,'-','0.019','D: 人社部发〔2015〕71号 (M)')
# minimum wages across the periods, several cities
for city,vals in [('foshan',['1900','2080','2300']),('dongguan',['1900','2080','2300']),('shantou',['1720','1850','2040']),('shaoguan',['1620','1750','2040']),('huizhou',['1720','1850','2040']),('qingyuan',['1620','1750','2040']),('440400',['1900','2080','2300'])]:
    for d,v in zip(['2022-01-01','2025-03-01','2026-09-01'],vals):
        r('minimum_wage.monthly',city,d,'-',v,'guangdong-rules C minimum-wage table')
r('minimum_wage.tier','maoming','2025-03-01','-','4','C: 粤府函〔2025〕23号 四类')
r('minimum_wage.tier','zhanjiang','2026-09-01','-','3','C: 粤府函〔2026〕188号 三类')
r('minimum_wage.tier','guangzhou','2026-09-01','-','1','C: 一类')
r('minimum_wage.monthly','guangzhou','2019-01-01','-','2100','C: 2018-07-01 (L)')
r('minimum_wage.monthly','zhaoqing','2019-01-01','-','1550','C: 2018-07-01 (L)')
r('minimum_wage.monthly','zhanjiang','2019-01-01','-','!ENOTFOUND','C: Zhanjiang 2018 value "?" (NF), strict')
r('minimum_wage.hourly','guangzhou','2026-09-01','-','25.4','C: 粤府函〔2026〕188号')
r('minimum_wage.monthly','guangzhou','2026-09-01','2026-06-01','!ENOTFOUND','bitemporal: on 2026-06-01 the 2026-09-01 wage was unpublished and the 2025 period ends 2026-09-01 (strict)')
r('minimum_wage.monthly','guangzhou','2026-09-01','2026-08-01','2680','bitemporal: published by 2026-08-01 (approx. publication 2026-07-01)')
# pension benefit parameters
for y,v in [(2022,'8682'),(2023,'9028'),(2024,'9307'),(2025,'9493')]:
    r('pension.calculation_base','guangzhou','%d-06-15'%y,'-',v,'A4.3 calculation base %d'%y)
r('pension.calculation_base','zhanjiang','2025-12-31','-','9493','A4.3: provincial base for every city but Shenzhen')
r('pension.calculation_base','guangzhou','2026-03-01','-','!ENOTFOUND','A4.3: 2026 NF, strict')
r('pension.calculation_base','guangzhou','2025-03-01','2025-03-01','!ENOTFOUND','A4.3: 2025 base published mid-2025 (known_on)')
r('pension.calculation_base','guangzhou','2025-03-01','2025-08-01','9493','A4.3: known by 2025-08-01')
r('pension.calculation_base','guangzhou','2021-06-01','-','!ENOTFOUND','A4.3: 2021 and earlier NF')
for y,v in [(2016,'0.0831'),(2019,'0.0761'),(2021,'0.0669'),(2022,'0.0612'),(2024,'0.0262'),(2025,'0.0150')]:
    r('pension.crediting_rate','guangdong','%d-07-01'%y,'-',v,'A3 crediting rate %d'%y)
r('pension.crediting_rate','guangdong','2015-07-01','-','!ENOTFOUND','A3: Guangdong pre-2016 NF')
r('pension.crediting_rate','guangdong','2024-07-01','2025-01-01','!ENOTFOUND','A3: 2024 rate announced mid-2025 (known_on)')
for a,v in [(40,'233'),(50,'195'),(55,'170'),(58,'152'),(60,'139'),(63,'117'),(66,'93'),(70,'56')]:
    r('pension.divisor.age_%d'%a,'guangzhou','2025-01-01','-',v,'A4.5: 国发〔2005〕38号 附件')
r('pension.minimum_contribution_months','nation','2029-12-31','-','180','A5')
r('pension.minimum_contribution_months','nation','2031-06-01','-','192','A5: retire 2031 → 16 years')
r('pension.minimum_contribution_months','nation','2032-06-01','-','198','A5: retire 2032 → 16.5 years')
r('pension.minimum_contribution_months','nation','2043-06-01','-','240','A5: retire 2043 → 20 years')
r('pension.transition.deemed_index','zhaoqing','2025-01-01','-','0.761','A4.4 附表一/二 city average')
r('pension.transition.deemed_index','shantou','2025-01-01','-','1','A4.4: province 1.000 for cities without their own')
r('pension.transition.ratio','guangdong','2023-05-01','-','0.7','A4.4 transition ratio 2023')
r('pension.adjustment.overall_rate','nation','2024-07-01','-','0.03','A7: 2024 3 %')
r('income.national_urban_disposable_per_capita','nation','2024-01-01','-','54188','D: NBS 2024')
r('wage.provincial_average_monthly','guangdong','2023-01-01','-','9167','A2: 粤人社发〔2024〕33号')
# errors and jurisdiction spellings
r('pension.contribution_base.ceiling','shenzhen','2025-07-01','-','!EUNSUPPORTED','Shenzhen runs its own system')
r('pension.contribution_base.ceiling','深圳','2025-07-01','-','!EUNSUPPORTED','Shenzhen by Chinese name')
r('pension.contribution_base.ceiling','atlantis','2025-07-01','-','!EJURISDICTION','unknown place')
r('pension.contribution_base.ceiling','guangzhou','2019-01-01','-','!ENOTFOUND','before any value (strict)')
r('no.such.parameter','guangzhou','2025-07-01','-','!ENOTFOUND','unknown parameter')
with open(__import__('os').path.join(__import__('os').path.dirname(__import__('os').path.abspath(__file__)), '..', 'tests', 'vectors', 'ruleset', 'lookups.tsv'), 'w') as f:
    f.write('# Rule lookups against ../shared/reference/guangdong-rules.md; jurisdiction given as code, pinyin or Chinese name.\n')
    f.write('name\tjurisdiction\tdate\tknown_on\texpected\tsource\n')
    for row in rows: f.write('\t'.join(row)+'\n')
print(len(rows))
