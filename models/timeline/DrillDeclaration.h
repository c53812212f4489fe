#pragma once

#include <QLatin1StringView>

// What a drill's declaration adds to its payload (IncidentDeclaration::extraPayload), which the
// chain's genesis covers: history reads it so that no drill's times pass for a team's number.
namespace warroom::DrillDeclaration {

// ×N: how much faster than real time its runs went (IncidentController::declare).
inline constexpr QLatin1StringView speedKey{"drill_speed"};
// Who played it: `scriptedPlayers` when a players' script answered for the people (a headless
// `warroom drill`, DrillRunner); absent when people did, at a console or in the app.
inline constexpr QLatin1StringView playersKey{"drill_players"};
inline constexpr QLatin1StringView scriptedPlayers{"scripted"};

} // namespace warroom::DrillDeclaration
