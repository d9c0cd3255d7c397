export {
  disableAccount,
  findAccount,
  findAccountByUsername,
  insertAccount,
  listAccounts,
  markSignedIn,
  reactivateAccount,
  setMustChangePassword,
} from './accountsRepository';
