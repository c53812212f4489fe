#pragma once

class TimelineStore;
