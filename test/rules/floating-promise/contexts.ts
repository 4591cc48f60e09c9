// Where the statement is: sync functions, methods, arrows, top level.
export {};

function invalidInSyncFunction(user: User) {
  audit(user);
//^^^ floating-promise
}

class UserService {
  save(user: User) {
    saveUser(user);
//  ^^^ floating-promise
  }

  async refresh(id: string) {
    fetchUser(id);
//  ^^^ floating-promise
  }

  static async closeAll() {
    db.close();
//  ^^^ floating-promise
  }

  // valid: a method that returns the promise
  load(id: string) {
    return fetchUser(id);
  }

  // valid: a field that stores the promise
  pending = fetchUser("boot");
}

const invalidInArrowBlock = async (user: User) => {
  audit(user);
//^^^ floating-promise
};

const invalidInNestedCallback = () => {
  setTimeout(() => {
    audit(users[0]!);
//  ^^^ floating-promise
  }, 10);
};

    saveUser(users[0]!);
//  ^^^ floating-promise

    await saveUser(users[0]!);

// valid: an arrow with an expression body returns its promise
const validExpressionBody = (user: User) => audit(user);

// valid: top-level void
    void audit(users[0]!);

// valid: top-level then with a rejection handler
    fetchUser("1").then(saveUser, report);

function report(error: unknown): void {
  log(String(error));
}

// valid: a getter returning a promise
class Lazy {
  get user() {
    return fetchUser("1");
  }
}
