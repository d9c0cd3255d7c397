// The permissions table held to the matrix written from the domain, cell by cell, in plain code (no database), so
// a wrong cell is found in milliseconds; accessMatrix.test.ts tries the same cells through the real dispatch.
import { describe, expect, it } from 'vitest';
import { commands, roleMay, type CommandName } from '../../../../shared/api';
import { domainMatrix, everyone } from '../../../fixtures/access/domainMatrix';

describe('the permissions table', () => {
  it.each(everyone)('lets %s run exactly the commands the domain gives them', (role) => {
    const wrong = (Object.keys(commands) as CommandName[]).filter((name) => roleMay(role, commands[name].permission) !== domainMatrix[name].includes(role));
    expect(wrong).toEqual([]);
  });
});
