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
        r('unemployment.rate.employer',j,d,'-','0.0048','C: Guangdong employer rate NF, older calculators 0.48 % (L)')
        r('work_injury.contribution_base.floor',j,d,'-',floor[c][d],'D stand-in: pension floor (L); '+docs[d])
        r('pension.account.credit_rate',j,d,'-','0.08','A3: 8 % of the base, 国发〔2005〕38号 (H), from the nation')
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
# contribution rates: fallbacks and edges
r('pension.rate.employer','nation','2025-07-01','-','0.16','A1: 国办发〔2019〕13号 §一 (H), the nation itself')
r('pension.rate.employer','nation','2019-04-30','-','!ENOTFOUND','A1: national 16 % from 2019-05-01 (strict)')
r('pension.rate.employer','440000','2019-04-30','-','0.14','A1: Guangdong 14 % (L) before the national value')
r('pension.rate.employer','shantou','2025-07-01','-','0.14','A1: a city without its own value gets the province, not the nation')
r('pension.rate.flexible','zhaoqing','2025-07-01','-','0.20','A1: flexible workers 20 % (M)')
r('pension.rate.flexible_account','zhaoqing','2025-07-01','-','0.08','A1: 8 % of it to the account (M)')
r('unemployment.rate.employee','shantou','2025-07-01','-','0.002','C: Guangzhou 0.2 % (M) standing in for other cities (L)')
for k,v in enumerate(['0.002','0.004','0.007','0.009','0.011','0.013','0.016'],1):
    r('work_injury.industry_rate.class_%d'%k,'zhanjiang','2025-07-01','-',v,'D: 人社部发〔2015〕71号 class %d (M)'%k)
r('work_injury.industry_rate.class_1','guangzhou','2015-09-30','-','!ENOTFOUND','D: 人社部发〔2015〕71号 from 2015-10-01 (strict)')
r('work_injury.floating_min.class_1','guangzhou','2025-07-01','-','1','D: class 1 floats up only (M)')
r('work_injury.floating_min.class_5','guangzhou','2025-07-01','-','0.5','D: classes 2–8 down to 50 % (M)')
r('work_injury.floating_max.class_3','guangzhou','2025-07-01','-','1.5','D: up to 150 % (M)')
r('work_injury.floating_max.class_8','guangzhou','2025-07-01','-','1.5','D: up to 150 % (M)')
r('work_injury.contribution_base.floor','foshan','2024-07-01','-','4767','D stand-in: pension floor 珠佛莞中 (L); A2 粤人社发〔2024〕33号')
r('pension.contribution_base.floor','foshan','2024-07-01','-','4767','A2: 粤人社发〔2024〕33号 珠海/佛山/东莞/中山 (H)')
r('pension.contribution_base.floor','zhongshan','2025-07-01','-','4775','A2: 粤人社发〔2025〕32号 §一 其他地区 (H)')
r('pension.contribution_base.floor','guangzhou','2022-07-01','-','4986','A2: 60 % of 8310, derived (L)')
r('pension.contribution_base.floor','guangzhou','2022-06-30','-','!ENOTFOUND','A2: 2021-07 floors "?" (NF)')
r('pension.contribution_base.ceiling','guangzhou','2021-07-01','-','22941','A2: 3 × 7647, derived (L)')
r('pension.contribution_base.ceiling','guangzhou','2022-07-01','-','24930','A2: 3 × 8310, derived (L)')
r('pension.contribution_base.ceiling','guangzhou','2025-06-30','-','27501','A2: 粤人社发〔2024〕33号 until 2025-06-30 (H)')
r('pension.contribution_base.ceiling','guangzhou','2025-07-01','2025-06-01','!ENOTFOUND','A2: 2025 limits published about 2025-07-01 (known_on)')
for y,v in [(2020,'7647'),(2021,'8310'),(2022,'8807'),(2024,'9183')]:
    r('wage.provincial_average_monthly','440000','%d-06-30'%y,'-',v,'A2: 全口径 average wage %d'%y)
r('wage.provincial_average_monthly','guangdong','2025-06-30','-','!ENOTFOUND','A2: 2025 wage not in the reference')
r('wage.provincial_average_monthly','guangdong','2024-06-30','2025-01-01','!ENOTFOUND','A2: 2024 wage published with 粤人社发〔2025〕32号 (known_on)')
# minimum wages: period boundaries, tiers, hourly
r('minimum_wage.monthly','zhaoqing','2021-11-30','-','1550','C: 2018-07-01 (L)')
r('minimum_wage.monthly','zhaoqing','2021-12-01','-','1720','C: 2021-12-01 三类 (L)')
r('minimum_wage.monthly','湛江','2025-02-28','-','1720','C: 2021-12-01 三类 (L)')
r('minimum_wage.monthly','湛江','2025-03-01','-','1850','C: 粤府函〔2025〕23号 三类 (M)')
r('minimum_wage.monthly','广州市','2026-08-31','-','2500','C: 粤府函〔2025〕23号 一类 (M), Chinese name with 市')
r('minimum_wage.monthly','maoming','2025-03-01','-','1750','C: 粤府函〔2025〕23号 四类 (M)')
r('minimum_wage.monthly','maoming','2026-09-01','-','2040','C: 粤府函〔2026〕188号 三类 (H)')
r('minimum_wage.monthly','zhongshan','2026-09-01','-','2300','C: 粤府函〔2026〕188号 二类 (H)')
r('minimum_wage.monthly','yunfu','2026-09-01','-','2040','C: 粤府函〔2026〕188号 三类 (H)')
r('minimum_wage.monthly','guangzhou','2018-06-30','-','!ENOTFOUND','C: nothing before 2018-07-01 (strict)')
r('minimum_wage.monthly','guangdong','2025-03-01','-','!ENOTFOUND','C: minimum wages are per city; no province value')
for d,v in [('2019-01-01','3'),('2022-01-01','3'),('2025-03-01','3'),('2026-09-01','3')]:
    r('minimum_wage.tier','zhaoqing',d,'-',v,'C: 肇庆 三类')
r('minimum_wage.tier','foshan','2025-03-01','-','2','C: 粤府函〔2025〕23号 二类')
r('minimum_wage.tier','maoming','2026-09-01','-','3','C: 粤府函〔2026〕188号 三类 (3 tiers)')
r('minimum_wage.hourly','zhaoqing','2025-03-01','-','18.3','C: 粤府函〔2025〕23号 三类 18.3 元/h')
r('minimum_wage.hourly','maoming','2025-03-01','-','17.4','C: 粤府函〔2025〕23号 四类 17.4 元/h')
r('minimum_wage.hourly','zhuhai','2026-09-01','-','21.9','C: 粤府函〔2026〕188号 二类 21.9 元/h')
r('minimum_wage.hourly','zhanjiang','2026-09-01','-','20.2','C: 粤府函〔2026〕188号 三类 20.2 元/h')
r('minimum_wage.hourly','guangzhou','2022-01-01','-','!ENOTFOUND','C: 2021-12 hourly rates not in the reference')
# pension benefit parameters
r('pension.calculation_base','guangzhou','2024-03-01','2024-03-01','!ENOTFOUND','A4.3: 2024 base published mid-2024 (known_on)')
r('pension.calculation_base','440000','2024-03-01','2024-08-01','9307','A4.3: 2024 base known by 2024-08-01')
for y,v in [(2017,'0.0712'),(2018,'0.0829'),(2020,'0.0604'),(2023,'0.0397')]:
    r('pension.crediting_rate','nation','%d-12-31'%y,'-',v,'A3 crediting rate %d'%y)
r('pension.crediting_rate','guangdong','2025-07-01','2026-07-01','0.0150','A3: 2025 rate (M/L), announced mid-2026')
r('pension.crediting_rate','guangdong','2026-01-01','-','!ENOTFOUND','A3: 2026 rate not published')
for a,v in [(41,'230'),(42,'226'),(43,'223'),(44,'220'),(45,'216'),(46,'212'),(47,'208'),(48,'204'),(49,'199'),
            (51,'190'),(52,'185'),(53,'180'),(54,'175'),(56,'164'),(57,'158'),(59,'145'),(61,'132'),(62,'125'),
            (64,'109'),(65,'101'),(67,'84'),(68,'75'),(69,'65')]:
    r('pension.divisor.age_%d'%a,'zhanjiang','2025-01-01','-',v,'A4.5: 国发〔2005〕38号 附件')
r('pension.divisor.age_60','guangzhou','2005-12-31','-','!ENOTFOUND','A4.5: the 38号 table from 2006-01-01 (strict)')
r('pension.low_index_threshold','zhaoqing','2025-01-01','-','0.6','A4.2: a = min(1, Z/0.6) (M)')
r('pension.basic.rate_per_year','zhaoqing','2025-01-01','-','0.01','A4.1: 1 % per year, 国发〔2005〕38号 (H)')
r('pension.supplement.fixed','zhanjiang','2025-01-01','-','100','A4.4: 100 元, 粤劳电〔2009〕32号 (M)')
r('pension.supplement.per_year','zhanjiang','2025-01-01','-','4','A4.4: 4 元 per year, 粤人社〔2014〕8号 (M)')
r('pension.transition.old_divisor','guangzhou','2025-01-01','-','120','A4.4: deemed account ÷ 120 (M)')
r('pension.transition.coefficient','guangzhou','2025-01-01','-','0.012','A4.4: 1.2 %, 粤府函〔2021〕294号 (M)')
r('pension.transition.coefficient','guangzhou','2020-12-31','-','!ENOTFOUND','A4.4: new method from 2021 (strict)')
r('pension.transition.deemed_index','广州','2025-01-01','-','1.191','A4.4 附表: 广州平均 (M/L)')
r('pension.transition.deemed_index','湛江','2025-01-01','-','0.742','A4.4 附表: 湛江平均 (M/L)')
for y,v in [(2021,'0.3'),(2022,'0.5'),(2024,'0.9'),(2025,'1'),(2026,'1'),(2030,'1')]:
    r('pension.transition.ratio','guangzhou','%d-06-01'%y,'-',v,'A4.4 transition ratio %d'%y+(' (new method fully replaces the old)' if y>=2026 else ''))
r('pension.minimum_contribution_months','nation','2030-01-01','-','186','A5: retire 2030 → 15.5 years')
r('pension.minimum_contribution_months','nation','2038-12-31','-','234','A5: retire 2038 → 19.5 years')
r('pension.minimum_contribution_months','guangzhou','2039-01-01','-','240','A5: ≥2039 → 20 years, from the nation')
for y,v in [(2016,'0.065'),(2021,'0.045'),(2023,'0.038'),(2025,'0.02')]:
    r('pension.adjustment.overall_rate','nation','%d-07-01'%y,'-',v,'A7: national overall rate %d'%y)
r('pension.adjustment.overall_rate','nation','2026-07-01','-','!ENOTFOUND','A7: 2026 not in the reference')
for n,v in [('funeral_months','2'),('base_months','9'),('threshold_years','15'),('max_months','24')]:
    r('pension.survivor.'+n,'guangzhou','2025-01-01','-',v,'A8: 人社部发〔2021〕18号 (M/L)')
r('income.national_urban_disposable_per_capita','nation','2020-06-30','-','43834','D: NBS 2020')
r('income.national_urban_disposable_per_capita','nation','2022-06-30','-','49283','D: NBS 2022')
r('income.national_urban_disposable_per_capita','nation','2025-06-30','-','!ENOTFOUND','D: 2025 not in the reference')
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
