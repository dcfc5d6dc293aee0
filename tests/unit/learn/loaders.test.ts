import { describe, expect, it } from 'vitest';
import { parseHillstrom } from '../../../src/lib/learn/hillstrom.ts';
import { parseTelco } from '../../../src/lib/learn/telco.ts';

// first rows of the public files, in their layout (Hillstrom has no trailing newline)
const HILLSTROM = `recency,history_segment,history,mens,womens,zip_code,newbie,channel,segment,visit,conversion,spend
10,2) $100 - $200,142.44,1,0,Surburban,0,Phone,Womens E-Mail,0,0,0
6,3) $200 - $350,329.08,1,1,Rural,1,Web,No E-Mail,0,0,0
9,5) $500 - $750,675.83,1,0,Rural,1,Web,Mens E-Mail,1,1,29.99`;

const TELCO = `customerID,gender,SeniorCitizen,Partner,Dependents,tenure,PhoneService,MultipleLines,InternetService,OnlineSecurity,OnlineBackup,DeviceProtection,TechSupport,StreamingTV,StreamingMovies,Contract,PaperlessBilling,PaymentMethod,MonthlyCharges,TotalCharges,Churn
7590-VHVEG,Female,0,Yes,No,1,No,No phone service,DSL,No,Yes,No,No,No,No,Month-to-month,Yes,Electronic check,29.85,29.85,No
4472-LVYGI,Female,0,Yes,Yes,0,No,No phone service,DSL,Yes,No,Yes,Yes,Yes,No,Two year,Yes,Bank transfer (automatic),52.55, ,No
3668-QPYBK,Male,0,No,No,2,Yes,No,DSL,Yes,Yes,No,No,No,No,Month-to-month,Yes,Mailed check,53.85,108.15,Yes
`;

describe('parseHillstrom', () => {
  it('reads features, arms and the three outcomes', () => {
    const d = parseHillstrom(HILLSTROM);
    expect(d.features.length).toBe(3);
    expect(d.arm).toEqual(['Womens E-Mail', 'No E-Mail', 'Mens E-Mail']);
    expect(Array.from(d.features.numeric.history)).toEqual([142.44, 329.08, 675.83]);
    expect(d.features.numeric.logHistory[0]).toBeCloseTo(Math.log1p(142.44), 14);
    expect(d.features.categorical.zip_code).toEqual(['Surburban', 'Rural', 'Rural']);
    expect(Array.from(d.spend)).toEqual([0, 0, 29.99]);
    expect(Array.from(d.visit)).toEqual([0, 0, 1]);
  });

  it('names an unknown arm and a missing column', () => {
    expect(() => parseHillstrom(HILLSTROM.replace('Mens E-Mail', 'SMS'))).toThrow(/segment "SMS"/);
    expect(() => parseHillstrom('recency,visit\n1,0')).toThrow(/missing column\(s\) history_segment/);
  });
});

describe('parseTelco', () => {
  it('reads a blank TotalCharges as missing and Churn Yes as 1', () => {
    const d = parseTelco(TELCO);
    expect(d.features.length).toBe(3);
    expect(d.features.numeric.TotalCharges[1]).toBeNaN();
    expect(Array.from(d.churn)).toEqual([0, 0, 1]);
    expect(d.features.categorical.Contract).toEqual(['Month-to-month', 'Two year', 'Month-to-month']);
  });

  it('names a non-numeric value', () => {
    expect(() => parseTelco(TELCO.replace('53.85', 'abc'))).toThrow(/MonthlyCharges row 3 is "abc"/);
  });
});
