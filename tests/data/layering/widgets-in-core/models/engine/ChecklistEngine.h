#pragma once

// A widget in the core: the layering test must refuse this include.
#include <QWidget>
