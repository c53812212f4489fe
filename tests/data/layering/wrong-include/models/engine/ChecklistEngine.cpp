// The engine reaching into the store: the layering test must refuse this include.
#include "store/TimelineStore.h"
