// Every header rule broken once, for the source-rules test's own fixture.
#include <sqlite3.h>
#include <nlohmann/json.hpp>
#include "curl/curl.h"

using namespace std;
