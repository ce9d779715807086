#!/usr/bin/env python3
"""Write tests/vectors/ruleset/lookups.tsv: expected rule lookups.

Every expected value is typed here from the public document named in the row's
`source` column (document number, title or publisher, and its confidence mark),
not read from data/rules.  Jurisdictions are given as code, pinyin or Chinese
name.  `known_on` rows sit on both sides of a publication date.

    python3 tools/gen_lookup_vectors.py
"""
import os

rows = []


def r(name, j, date, known, exp, src):
    rows.append((name, j, date, known, exp, src))


# Sources (public documents; marks as recorded in data/rules)
Y24 = '粤人社发〔2024〕33号 (dated 2024-12-03, H)'
Y25 = '粤人社发〔2025〕32号 §一 (issued 2025-10-24, H)'
D23 = '2023-07 limits derived from the 2022 provincial wage 8807 of a third-party wage series (L)'
HRONE = 'HROne 2020 Guangzhou notice summary (M)'
KAIZEN = 'Kaizen CPA 2022-08-10, Guangzhou from 2022-07-01 (M)'
RSA = 'RSA Tax, Guangdong limits 2021-07-01 → 2022-06-30 (M)'
MW15 = '粤府函〔2015〕20号 (M)'
MW18 = '粤府函〔2018〕187号 (H)'
MW21 = '粤府函〔2021〕345号 (H)'
MW25 = '粤府函〔2025〕23号 (M)'
MW26 = '粤府函〔2026〕188号 (H)'

cities = {'guangzhou': ('440100', '广州'), 'zhaoqing': ('441200', '肇庆'), 'zhanjiang': ('440800', '湛江')}
dates = ['2024-06-30', '2024-07-01', '2025-07-01', '2026-06-30']
band_doc = {'2024-06-30': D23, '2024-07-01': Y24, '2025-07-01': Y25, '2026-06-30': Y25 + ', contribution year to 2026-06-30'}
ceil = {'2024-06-30': '26421', '2024-07-01': '27501', '2025-07-01': '27549', '2026-06-30': '27549'}
floor = {'guangzhou': {'2024-06-30': '5284', '2024-07-01': '5500', '2025-07-01': '5510', '2026-06-30': '5510'},
         'zhaoqing': {'2024-06-30': '!ENOTFOUND', '2024-07-01': '4492', '2025-07-01': '4775', '2026-06-30': '4775'},
         'zhanjiang': {'2024-06-30': '!ENOTFOUND', '2024-07-01': '4492', '2025-07-01': '4775', '2026-06-30': '4775'}}
mw = {'guangzhou': {'2024-06-30': '2300', '2024-07-01': '2300', '2025-07-01': '2500', '2026-06-30': '2500'},
      'zhaoqing': {'2024-06-30': '1720', '2024-07-01': '1720', '2025-07-01': '1850', '2026-06-30': '1850'},
      'zhanjiang': {'2024-06-30': '1720', '2024-07-01': '1720', '2025-07-01': '1850', '2026-06-30': '1850'}}
mw_doc = {'2024-06-30': MW21, '2024-07-01': MW21, '2025-07-01': MW25, '2026-06-30': MW25}
wi_floor_gz = {'2024-06-30': '2300', '2024-07-01': '2300', '2025-07-01': '2500', '2026-06-30': '2500'}


def forms(c, i):
    return [c, cities[c][0], cities[c][1]][i % 3]


i = 0
for c in cities:
    for d in dates:
        j = forms(c, i)
        i += 1
        r('pension.contribution_base.ceiling', j, d, '-', ceil[d], band_doc[d])
        r('pension.contribution_base.floor', j, d, '-', floor[c][d], band_doc[d] +
          ('; Zhaoqing/Zhanjiang floors of 2022-07 and 2023-07 not found (strict)' if floor[c][d][0] == '!' else ''))
        r('minimum_wage.monthly', j, d, '-', mw[c][d], mw_doc[d])
        r('pension.rate.employer', j, d, '-', '0.15',
          KAIZEN + ': employer 15 %' if c == 'guangzhou' else
          'Guangzhou 15 % from 2022-07-01 (Kaizen CPA, M) applied province-wide: 肇府办〔2022〕5号 "执行全省统一的…单位缴费比例" (L)')
        r('pension.rate.employee', j, d, '-', '0.08', '国发〔2005〕38号 (H), from the nation')
        r('unemployment.rate.employee', j, d, '-', '0.002', 'third-party calculators, Guangzhou 0.2 % (M; other cities L)')
        r('unemployment.contribution_base.ceiling', j, d, '-', ceil[d],
          '《广东省失业保险条例》第八条 ceiling (3 × city 在岗 average) not found for this year: pension ceiling stands in (NF)')
        r('work_injury.contribution_base.uncapped', j, d, '-', '1' if c == 'guangzhou' else '0',
          'Guangzhou: no work-injury ceiling (HROne 2020, Kaizen CPA 2022; assumed for this year, L)' if c == 'guangzhou' else
          'other cities: capped with a stand-in ceiling (whether capped not found, NF)')
        r('work_injury.industry_rate.class_8', j, d, '-', '0.019', '人社部发〔2015〕71号 (M)')
        r('unemployment.rate.employer', j, d, '-', '0.0048',
          HRONE + ': unit rate 0.48 %, until changed' if c == 'guangzhou' else 'older third-party calculators 0.48 % (L)')
        r('work_injury.contribution_base.floor', j, d, '-',
          wi_floor_gz[d] if c == 'guangzhou' else floor[c][d],
          ('Guangzhou floor = its minimum wage (' + KAIZEN + '; ' + mw_doc[d] + ')') if c == 'guangzhou' else
          'stand-in: the pension floor (L); ' + band_doc[d])
        r('pension.account.credit_rate', j, d, '-', '0.08', '国发〔2005〕38号: 8 % of the base (H), from the nation')

# Periods that end: annual limits are not carried forward (issue #11)
for c in cities:
    for name in ['pension.contribution_base.ceiling', 'pension.contribution_base.floor',
                 'unemployment.contribution_base.ceiling', 'work_injury.contribution_base.floor',
                 'work_injury.contribution_base.uncapped']:
        if c == 'guangzhou' and name == 'work_injury.contribution_base.floor':
            r(name, c, '2026-07-01', '-', '2500', 'Guangzhou floor = its minimum wage, ' + MW25 + ' until 2026-09-01 (rule applied, L)')
            continue
        r(name, c, '2026-07-01', '-', '!ENOTFOUND',
          'the 2025 contribution year ends 2026-06-30 (' + Y25 + '); the 2026 notice not found: strict')
    r('minimum_wage.monthly', c, '2028-09-01', '-', '!ENOTFOUND',
      MW26 + ' ends by 2028-09-01: 《最低工资规定》第十条, adjusted at least every two years')
r('minimum_wage.monthly', 'guangzhou', '2028-08-31', '-', '2680', MW26 + ', last day of its two years')
r('pension.contribution_base.ceiling', 'guangzhou', '2099-01-01', '-', '!ENOTFOUND', 'no value in 2099 (strict)')
r('income.national_urban_disposable_per_capita', 'nation', '2099-01-01', '-', '!ENOTFOUND', 'no NBS figure for 2099 (strict)')

# Guangzhou per-scheme bands (P1) and history (P4)
r('pension.contribution_base.floor', 'guangzhou', '2020-08-01', '-', '3803', HRONE)
r('pension.contribution_base.ceiling', 'guangzhou', '2020-08-01', '-', '20268', HRONE)
r('pension.contribution_base.ceiling', 'zhaoqing', '2020-08-01', '-', '!ENOTFOUND', '2020-07 limits outside Guangzhou not found (strict)')
r('unemployment.contribution_base.ceiling', 'guangzhou', '2020-08-01', '-', '30876', HRONE + ': 3 × 10292')
r('unemployment.contribution_base.ceiling', 'guangzhou', '2021-08-01', '-', '22941',
  'Guangzhou 2021-07 ceiling (3 × 2020 在岗 average) not found: pension ceiling stands in (NF)')
r('unemployment.contribution_base.ceiling', 'guangzhou', '2022-08-01', '-', '36072', KAIZEN + ': 3 × 12024')
r('unemployment.contribution_base.ceiling', 'zhaoqing', '2022-08-01', '-', '24930', 'Zhaoqing ceiling not found: pension ceiling stands in (NF)')
r('work_injury.contribution_base.floor', 'guangzhou', '2020-08-01', '-', '2100', HRONE + ': the minimum wage')
r('work_injury.contribution_base.floor', 'guangzhou', '2022-08-01', '-', '2300', KAIZEN + ': the minimum wage')
r('work_injury.contribution_base.floor', 'guangzhou', '2026-09-01', '-', '2680', 'Guangzhou minimum wage ' + MW26 + ' (rule applied, L)')
r('work_injury.contribution_base.uncapped', 'guangzhou', '2020-08-01', '-', '1', HRONE + ': upper limit "Unlimited"')
r('work_injury.contribution_base.uncapped', 'guangzhou', '2022-08-01', '-', '1', KAIZEN + ': "no maximum limitation"')
r('work_injury.contribution_base.uncapped', 'shantou', '2022-08-01', '-', '0', 'other cities capped, stand-in (NF)')
r('work_injury.contribution_base.ceiling', 'zhaoqing', '2022-08-01', '-', '24930', 'stand-in: the pension ceiling (L)')
r('pension.contribution_base.ceiling', 'guangzhou', '2021-07-01', '-', '22941', RSA)
r('pension.contribution_base.floor', 'guangzhou', '2021-08-01', '-', '4588', RSA)
r('pension.contribution_base.floor', 'zhaoqing', '2021-08-01', '-', '3673', RSA + ': 汕头、肇庆')
r('pension.contribution_base.floor', 'shantou', '2021-08-01', '-', '3673', RSA + ': 汕头、肇庆')
r('pension.contribution_base.floor', 'jiangmen', '2021-08-01', '-', '3958', RSA + ': 珠海、佛山、惠州、东莞、中山、江门')
r('pension.contribution_base.floor', 'meizhou', '2021-08-01', '-', '3800', RSA + ': 韶关、河源、梅州、汕尾 …')
r('pension.contribution_base.floor', 'zhanjiang', '2021-08-01', '-', '!ENOTFOUND', RSA + ': list cut off, Zhanjiang not found (strict)')
r('pension.contribution_base.floor', 'guangzhou', '2021-06-30', '-', '3803', HRONE)
r('pension.contribution_base.ceiling', 'guangzhou', '2022-07-01', '-', '24930', KAIZEN + ': 3 × 8310')
r('pension.contribution_base.floor', 'guangzhou', '2022-07-01', '-', '4986', '60 % of 8310, derived (L)')
r('pension.contribution_base.ceiling', 'guangzhou', '2025-06-30', '-', '27501', Y24 + ': until 2025-06-30')
r('pension.rate.employer', 'guangzhou', '2022-06-30', '-', '0.14', HRONE + ': 14 % until the 2022-07 change')
r('pension.rate.employer', 'guangzhou', '2022-07-01', '-', '0.15', KAIZEN)
r('pension.rate.employer', 'zhaoqing', '2022-06-30', '-', '0.14', 'third-party calculators, Guangdong 14 % (L)')
r('pension.rate.employer', 'nation', '2025-07-01', '-', '0.16', '国办发〔2019〕13号 §一 (H), the nation itself')
r('pension.rate.employer', 'nation', '2019-04-30', '-', '!ENOTFOUND', '国办发〔2019〕13号: national 16 % from 2019-05-01 (strict)')
r('pension.rate.employer', '440000', '2019-04-30', '-', '0.14', 'Guangdong 14 % (L) before the national value')
r('pension.rate.employer', 'shantou', '2021-07-01', '-', '0.14', 'a city without its own value gets the province, not the nation (L)')

# known_on on both sides of each corrected publication date
r('pension.contribution_base.ceiling', 'guangzhou', '2025-08-01', '2025-10-23', '!ENOTFOUND', '粤人社发〔2025〕32号 issued 2025-10-24: unknown the day before')
r('pension.contribution_base.ceiling', 'guangzhou', '2025-08-01', '2025-10-24', '27549', '粤人社发〔2025〕32号 issued 2025-10-24')
r('pension.calculation_base', 'guangzhou', '2025-03-01', '2025-10-23', '!ENOTFOUND', '粤人社发〔2025〕32号 §二 issued 2025-10-24: unknown the day before')
r('pension.calculation_base', 'guangzhou', '2025-03-01', '2025-10-24', '9493', '粤人社发〔2025〕32号 §二 (H), issued 2025-10-24')
r('pension.contribution_base.ceiling', 'zhaoqing', '2024-08-01', '2024-12-02', '!ENOTFOUND', '粤人社发〔2024〕33号 dated 2024-12-03: unknown the day before')
r('pension.contribution_base.ceiling', 'zhaoqing', '2024-08-01', '2024-12-03', '27501', '粤人社发〔2024〕33号 dated 2024-12-03')
r('wage.provincial_average_monthly', 'guangdong', '2023-06-30', '2024-12-02', '!ENOTFOUND', '2023 wage published in 粤人社发〔2024〕33号 (2024-12-03)')
r('wage.provincial_average_monthly', 'guangdong', '2023-06-30', '2024-12-03', '9167', '粤人社发〔2024〕33号 (H)')
r('minimum_wage.monthly', 'guangzhou', '2026-09-01', '2026-08-11', '!ENOTFOUND', '粤府函〔2026〕188号 dated 2026-08-12: unknown the day before')
r('minimum_wage.monthly', 'guangzhou', '2026-09-01', '2026-08-12', '2680', '粤府函〔2026〕188号 dated 2026-08-12 (posted 08-13)')
r('minimum_wage.monthly', 'zhanjiang', '2025-03-01', '2025-02-13', '!ENOTFOUND', '粤府函〔2025〕23号 posted 2025-02-14: unknown the day before')
r('minimum_wage.monthly', 'zhanjiang', '2025-03-01', '2025-02-14', '1850', '粤府函〔2025〕23号 posted 2025-02-14 (M)')
r('pension.calculation_base', 'guangzhou', '2024-03-01', '2024-12-02', '!ENOTFOUND', '粤人社发〔2024〕34号 not earlier than 33号 (2024-12-03), approximate')
r('pension.calculation_base', '440000', '2024-03-01', '2024-12-03', '9307', '粤人社发〔2024〕34号 as quoted (M), approximate date 2024-12-03')
r('pension.calculation_base', 'guangzhou', '2025-03-01', '-', '9493', '粤人社发〔2025〕32号 §二 (H)')
r('minimum_wage.monthly', 'guangzhou', '2021-12-01', '2021-11-17', '!ENOTFOUND', '粤府函〔2021〕345号 dated 2021-11-18: unknown the day before')
r('minimum_wage.monthly', 'guangzhou', '2021-12-01', '2021-11-18', '2300', MW21)

# minimum wages across the periods, several cities (decrees of 2015, 2018, 2021, 2025, 2026)
for city, vals in [('foshan', ['1510', '1720', '1900', '2080', '2300']), ('dongguan', ['1510', '1720', '1900', '2080', '2300']),
                   ('shantou', ['1350', '1550', '1720', '1850', '2040']), ('shaoguan', ['1210', '1410', '1620', '1750', '2040']),
                   ('huizhou', ['1350', '1550', '1720', '1850', '2040']), ('qingyuan', ['1210', '1410', '1620', '1750', '2040']),
                   ('440400', ['1510', '1720', '1900', '2080', '2300']), ('zhanjiang', ['1210', '1410', '1720', '1850', '2040']),
                   ('jiangmen', ['1350', '1550', '1720', '1850', '2040']), ('guangzhou', ['1895', '2100', '2300', '2500', '2680'])]:
    for d, v, doc in zip(['2016-01-01', '2019-01-01', '2022-01-01', '2025-03-01', '2026-09-01'], vals,
                         [MW15, MW18, MW21, MW25, MW26]):
        r('minimum_wage.monthly', city, d, '-', v, doc)
r('minimum_wage.monthly', 'guangzhou', '2015-04-30', '-', '!ENOTFOUND', 'nothing before 粤府函〔2015〕20号 (2015-05-01), strict')
r('minimum_wage.monthly', 'guangdong', '2025-03-01', '-', '!ENOTFOUND', 'minimum wages are per city; no province value')
r('minimum_wage.monthly', 'zhaoqing', '2021-11-30', '-', '1550', MW18 + ' 三类')
r('minimum_wage.monthly', 'zhaoqing', '2021-12-01', '-', '1720', MW21 + ' 三类')
r('minimum_wage.monthly', '湛江', '2021-11-30', '-', '1410', MW18 + ' 四类')
r('minimum_wage.monthly', '湛江', '2025-02-28', '-', '1720', MW21 + ' 三类 (湛江 moved up)')
r('minimum_wage.monthly', '湛江', '2025-03-01', '-', '1850', MW25 + ' 三类')
r('minimum_wage.monthly', '广州市', '2026-08-31', '-', '2500', MW25 + ' 一类, Chinese name with 市')
r('minimum_wage.monthly', 'maoming', '2025-03-01', '-', '1750', MW25 + ' 四类')
r('minimum_wage.monthly', 'maoming', '2026-09-01', '-', '2040', MW26 + ' 三类')
r('minimum_wage.monthly', 'zhongshan', '2018-07-01', '-', '1720', MW18 + ' 二类')
r('minimum_wage.monthly', 'zhongshan', '2026-09-01', '-', '2300', MW26 + ' 二类')
r('minimum_wage.monthly', 'yunfu', '2026-09-01', '-', '2040', MW26 + ' 三类')
for city, d, v, doc in [('zhaoqing', '2016-01-01', '3', MW15), ('zhaoqing', '2019-01-01', '3', MW18), ('zhaoqing', '2022-01-01', '3', MW21),
                        ('zhaoqing', '2025-03-01', '3', MW25), ('zhaoqing', '2026-09-01', '3', MW26),
                        ('zhanjiang', '2019-01-01', '4', MW18), ('zhanjiang', '2022-01-01', '3', MW21 + ' (湛江 from 四类 to 三类)'),
                        ('maoming', '2025-03-01', '4', MW25), ('maoming', '2026-09-01', '3', MW26 + ' (3 tiers)'),
                        ('foshan', '2025-03-01', '2', MW25), ('guangzhou', '2026-09-01', '1', MW26)]:
    r('minimum_wage.tier', city, d, '-', v, doc)
for city, d, v, doc in [('guangzhou', '2016-01-01', '18.3', MW15), ('jieyang', '2016-01-01', '12', MW15),
                        ('guangzhou', '2019-01-01', '20.3', MW18), ('zhanjiang', '2019-01-01', '14', MW18),
                        ('guangzhou', '2022-01-01', '22.2', MW21), ('zhaoqing', '2022-01-01', '17.0', MW21),
                        ('zhaoqing', '2025-03-01', '18.3', MW25), ('maoming', '2025-03-01', '17.4', MW25),
                        ('zhuhai', '2026-09-01', '21.9', MW26), ('zhanjiang', '2026-09-01', '20.2', MW26),
                        ('guangzhou', '2026-09-01', '25.4', MW26)]:
    r('minimum_wage.hourly', city, d, '-', v, doc + ', 元/h')

# pension benefit parameters
for y, v, src in [(2020, '7860', 'third-party calculator data (L)'), (2021, '8332', 'third-party calculator data, weak (L)'),
                  (2022, '8682', '粤人社发〔2022〕33号 as quoted by a third party (L)'),
                  (2023, '9028', 'third-party calculator, consistent with approval forms (M)'),
                  (2024, '9307', '粤人社发〔2024〕34号 as quoted (M)'), (2025, '9493', '粤人社发〔2025〕32号 §二 (H)')]:
    r('pension.calculation_base', 'guangzhou', '%d-06-15' % y, '-', v, '计发基数 %d: ' % y + src)
r('pension.calculation_base', 'zhanjiang', '2025-12-31', '-', '9493', '粤人社发〔2025〕32号 §二: provincial base for every city but Shenzhen')
r('pension.calculation_base', 'guangzhou', '2026-03-01', '-', '!ENOTFOUND', '2026 base not published: strict')
r('pension.calculation_base', 'guangzhou', '2019-06-01', '-', '!ENOTFOUND', '计发基数 2019 and earlier not found: strict')
for y, v in [(2016, '0.0831'), (2019, '0.0761'), (2021, '0.0669'), (2022, '0.0612'), (2024, '0.0262'), (2025, '0.0150')]:
    r('pension.crediting_rate', 'guangdong', '%d-07-01' % y, '-', v, 'MOHRSS/MOF crediting rate %d' % y)
r('pension.crediting_rate', 'guangdong', '2015-07-01', '-', '!ENOTFOUND', 'Guangdong pre-2016 rate not found: strict')
r('pension.crediting_rate', 'guangdong', '2024-07-01', '2025-01-01', '!ENOTFOUND', '2024 rate announced mid-2025 (approximate date)')
for a, v in [(40, '233'), (50, '195'), (55, '170'), (58, '152'), (60, '139'), (63, '117'), (66, '93'), (70, '56')]:
    r('pension.divisor.age_%d' % a, 'guangzhou', '2025-01-01', '-', v, '国发〔2005〕38号 附件')
r('pension.minimum_contribution_months', 'nation', '2029-12-31', '-', '180', '社会保险法第十六条, 15 years')
r('pension.minimum_contribution_months', 'nation', '2031-06-01', '-', '192', '渐进式延迟法定退休年龄的办法 第二条: retire 2031 → 16 years')
r('pension.minimum_contribution_months', 'nation', '2032-06-01', '-', '198', 'same: retire 2032 → 16.5 years')
r('pension.minimum_contribution_months', 'nation', '2043-06-01', '-', '240', 'same: retire 2043 → 20 years')
r('pension.transition.deemed_index', 'zhaoqing', '2025-01-01', '-', '0.761', '粤府函〔2021〕294号 附表 as quoted: 肇庆平均')
r('pension.transition.deemed_index', 'shantou', '2025-01-01', '-', '1', '全省 1.000 for cities without their own (inference)')
r('pension.transition.ratio', 'guangdong', '2023-05-01', '-', '0.7', 'transition ratio 2023 (third-party calculator, L)')
r('pension.adjustment.overall_rate', 'nation', '2024-07-01', '-', '0.03', 'national adjustment 2024: 3 %')
r('income.national_urban_disposable_per_capita', 'nation', '2024-01-01', '-', '54188', 'NBS 2024')
r('wage.provincial_average_monthly', 'guangdong', '2023-01-01', '-', '9167', Y24)
r('pension.rate.flexible', 'zhaoqing', '2025-07-01', '-', '0.20', 'flexible workers 20 % (third-party calculator, M)')
r('pension.rate.flexible_account', 'zhaoqing', '2025-07-01', '-', '0.08', '8 % of it to the account (M)')
r('unemployment.rate.employee', 'shantou', '2025-07-01', '-', '0.002', "Guangzhou's 0.2 % standing in for other cities (L)")
for k, v in enumerate(['0.002', '0.004', '0.007', '0.009', '0.011', '0.013', '0.016'], 1):
    r('work_injury.industry_rate.class_%d' % k, 'zhanjiang', '2025-07-01', '-', v, '人社部发〔2015〕71号 class %d (M)' % k)
r('work_injury.industry_rate.class_1', 'guangzhou', '2015-09-30', '-', '!ENOTFOUND', '人社部发〔2015〕71号 from 2015-10-01 (strict)')
r('work_injury.floating_min.class_1', 'guangzhou', '2025-07-01', '-', '1', '人社部发〔2015〕71号: class 1 floats up only (M)')
r('work_injury.floating_min.class_5', 'guangzhou', '2025-07-01', '-', '0.5', '人社部发〔2015〕71号: classes 2–8 down to 50 % (M)')
r('work_injury.floating_max.class_3', 'guangzhou', '2025-07-01', '-', '1.5', '人社部发〔2015〕71号: up to 150 % (M)')
r('work_injury.floating_max.class_8', 'guangzhou', '2025-07-01', '-', '1.5', '人社部发〔2015〕71号: up to 150 % (M)')
r('work_injury.contribution_base.floor', 'foshan', '2024-07-01', '-', '4767', 'stand-in: pension floor 珠佛莞中 (L), ' + Y24)
r('pension.contribution_base.floor', 'foshan', '2024-07-01', '-', '4767', Y24 + ': 珠海/佛山/东莞/中山')
r('pension.contribution_base.floor', 'zhongshan', '2025-07-01', '-', '4775', Y25 + ': 其他地区')
for y, v, src in [(2020, '7647', RSA), (2021, '8310', KAIZEN), (2022, '8807', 'third-party wage series (L)'),
                  (2024, '9183', Y25 + ': 27549 / 3')]:
    r('wage.provincial_average_monthly', '440000', '%d-06-30' % y, '-', v, '全口径 average wage %d: ' % y + src)
r('wage.provincial_average_monthly', 'guangdong', '2025-06-30', '-', '!ENOTFOUND', '2025 wage not yet published: strict')
r('wage.provincial_average_monthly', 'guangdong', '2024-06-30', '2025-10-23', '!ENOTFOUND', '2024 wage published with 粤人社发〔2025〕32号 (2025-10-24)')
r('wage.city_on_post_average_monthly', 'guangzhou', '2019-06-30', '-', '10292', HRONE + ': 30876 = 3 × 10292')
r('wage.city_on_post_average_monthly', 'guangzhou', '2021-06-30', '-', '12024', KAIZEN)
r('wage.city_on_post_average_monthly', 'guangzhou', '2020-06-30', '-', '!ENOTFOUND', 'Guangzhou 2020 在岗 average not found: strict')
r('wage.city_on_post_average_monthly', 'zhaoqing', '2021-06-30', '-', '!ENOTFOUND', 'Zhaoqing 在岗 averages not found: strict')
r('unemployment.benefit.rate', 'jiangmen', '2018-04-15', '-', '0.8',
  '《广东省失业保险条例》(2013) 第十九条 80 % before 2018-05-01 (provincial announcement 2018-05-22; Jiangmen government 2018-06-04; M)')
r('unemployment.benefit.rate', 'jiangmen', '2018-05-01', '-', '0.9', 'provincial announcement 2018-05-22: 90 % from 2018-05-01 (H)')
r('unemployment.benefit.rate', 'guangzhou', '2026-09-01', '-', '0.9', '第十九条 current text: 百分之九十 (H)')
r('unemployment.benefit.rate', 'guangzhou', '2014-06-30', '-', '!ENOTFOUND', 'before the 2013 revision took effect (2014-07-01): not found, strict')
r('unemployment.benefit.rate', 'guangzhou', '2018-05-01', '2018-05-21', '!ENOTFOUND', 'the 90 % was announced 2018-05-22 (known_on)')
r('unemployment.benefit.rate', 'guangzhou', '2018-05-01', '2018-05-22', '0.9', 'announced 2018-05-22')
for y, v in [(2015, '31195'), (2016, '33616'), (2018, '39251'), (2019, '42359')]:
    r('income.national_urban_disposable_per_capita', 'nation', '%d-06-30' % y, '-', v, 'NBS %d (M)' % y)
r('income.national_urban_disposable_per_capita', 'nation', '2017-06-30', '-', '36396', 'NBS 2017 (communiqué not read, L)')
r('income.national_urban_disposable_per_capita', 'nation', '2019-06-30', '2020-01-16', '!ENOTFOUND', 'NBS 2019 figure released 2020-01-17')
r('income.national_urban_disposable_per_capita', 'nation', '2019-06-30', '2020-01-17', '42359', 'NBS 2019 figure released 2020-01-17')
r('income.national_urban_disposable_per_capita', 'nation', '2014-06-30', '-', '!ENOTFOUND', 'NBS 2014 not stored: strict')
for y, v in [(2017, '0.0712'), (2018, '0.0829'), (2020, '0.0604'), (2023, '0.0397')]:
    r('pension.crediting_rate', 'nation', '%d-12-31' % y, '-', v, 'MOHRSS/MOF crediting rate %d' % y)
r('pension.crediting_rate', 'guangdong', '2025-07-01', '2026-07-01', '0.0150', '2025 rate (M/L), announced mid-2026 (approximate)')
r('pension.crediting_rate', 'guangdong', '2026-01-01', '-', '!ENOTFOUND', '2026 rate not published: strict')
for a, v in [(41, '230'), (42, '226'), (43, '223'), (44, '220'), (45, '216'), (46, '212'), (47, '208'), (48, '204'), (49, '199'),
             (51, '190'), (52, '185'), (53, '180'), (54, '175'), (56, '164'), (57, '158'), (59, '145'), (61, '132'), (62, '125'),
             (64, '109'), (65, '101'), (67, '84'), (68, '75'), (69, '65')]:
    r('pension.divisor.age_%d' % a, 'zhanjiang', '2025-01-01', '-', v, '国发〔2005〕38号 附件')
r('pension.divisor.age_60', 'guangzhou', '2005-12-31', '-', '!ENOTFOUND', '国发〔2005〕38号 table from 2006-01-01 (strict)')
r('pension.low_index_threshold', 'zhaoqing', '2025-01-01', '-', '0.6', 'agency practice seen on approval forms (养老金核定表): a = min(1, Z/0.6) (M)')
r('pension.basic.rate_per_year', 'zhaoqing', '2025-01-01', '-', '0.01', '国发〔2005〕38号: 1 % per year (H)')
r('pension.supplement.fixed', 'zhanjiang', '2025-01-01', '-', '100', '粤劳电〔2009〕32号 as quoted (M)')
r('pension.supplement.per_year', 'zhanjiang', '2025-01-01', '-', '4', '粤人社〔2014〕8号 as quoted (M)')
r('pension.transition.old_divisor', 'guangzhou', '2025-01-01', '-', '120', 'agency practice seen on approval forms (养老金核定表) (M)')
r('pension.transition.coefficient', 'guangzhou', '2025-01-01', '-', '0.012', '粤府函〔2021〕294号 as quoted: 1.2 % (M)')
r('pension.transition.coefficient', 'guangzhou', '2020-12-31', '-', '!ENOTFOUND', '粤府函〔2021〕294号 new method from 2021 (strict)')
r('pension.transition.deemed_index', '广州', '2025-01-01', '-', '1.191', '粤府函〔2021〕294号 附表 as quoted: 广州平均 (M/L)')
r('pension.transition.deemed_index', '湛江', '2025-01-01', '-', '0.742', '粤府函〔2021〕294号 附表 as quoted: 湛江平均 (M/L)')
for y, v in [(2021, '0.3'), (2022, '0.5'), (2024, '0.9'), (2025, '1'), (2026, '1'), (2030, '1')]:
    r('pension.transition.ratio', 'guangzhou', '%d-06-01' % y, '-', v,
      'transition ratio %d (third-party calculator; 2025 seen on approval forms)' % y + (' — new method in full, until changed' if y >= 2026 else ''))
r('pension.minimum_contribution_months', 'nation', '2030-01-01', '-', '186', '渐进式延迟法定退休年龄的办法 附件4: retire 2030 → 15.5 years')
r('pension.minimum_contribution_months', 'nation', '2038-12-31', '-', '234', 'same: retire 2038 → 19.5 years')
r('pension.minimum_contribution_months', 'guangzhou', '2039-01-01', '-', '240', 'same: ≥2039 → 20 years, from the nation')
for y, v in [(2016, '0.065'), (2021, '0.045'), (2023, '0.038'), (2025, '0.02')]:
    r('pension.adjustment.overall_rate', 'nation', '%d-07-01' % y, '-', v, 'national overall adjustment %d' % y)
r('pension.adjustment.overall_rate', 'nation', '2026-07-01', '-', '!ENOTFOUND', '2026 adjustment not stored: strict')
for n, v in [('funeral_months', '2'), ('base_months', '9'), ('threshold_years', '15'), ('max_months', '24')]:
    r('pension.survivor.' + n, 'guangzhou', '2025-01-01', '-', v, '人社部发〔2021〕18号 as quoted (M/L)')
r('income.national_urban_disposable_per_capita', 'nation', '2020-06-30', '-', '43834', 'NBS 2020')
r('income.national_urban_disposable_per_capita', 'nation', '2022-06-30', '-', '49283', 'NBS 2022')
r('income.national_urban_disposable_per_capita', 'nation', '2025-06-30', '-', '!ENOTFOUND', 'NBS 2025 not stored: strict')
# errors and jurisdiction spellings
r('pension.contribution_base.ceiling', 'shenzhen', '2025-07-01', '-', '!EUNSUPPORTED', 'Shenzhen runs its own system')
r('pension.contribution_base.ceiling', '深圳', '2025-07-01', '-', '!EUNSUPPORTED', 'Shenzhen by Chinese name')
r('pension.contribution_base.ceiling', 'atlantis', '2025-07-01', '-', '!EJURISDICTION', 'unknown place')
r('pension.contribution_base.ceiling', 'guangzhou', '2019-01-01', '-', '!ENOTFOUND', 'before any value (strict)')
r('no.such.parameter', 'guangzhou', '2025-07-01', '-', '!ENOTFOUND', 'unknown parameter')

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tests', 'vectors', 'ruleset', 'lookups.tsv'), 'w') as f:
    f.write('# Generated by tools/gen_lookup_vectors.py: expected rule lookups, each typed from the public document in `source`; '
            'jurisdiction given as code, pinyin or Chinese name.\n')
    f.write('name\tjurisdiction\tdate\tknown_on\texpected\tsource\n')
    for row in rows:
        f.write('\t'.join(row) + '\n')
print(len(rows))
